import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

export class ListBudgetsQuery {
  @ApiPropertyOptional({ example: 'BK-DESA-2026' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  programCode?: string;

  @ApiPropertyOptional({ example: 2026, description: 'Fiscal year' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;

  @ApiPropertyOptional({ example: '14.03.09', description: 'The ceiling region, or a region above it (a kecamatan lists its villages’ ceilings)' })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, { message: 'regionCode must be a Kemendagri region code such as 14.03.09' })
  regionCode?: string;
}
