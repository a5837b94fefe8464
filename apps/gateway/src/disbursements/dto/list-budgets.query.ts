import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsRegionCode } from '../../http/is-region-code.decorator';

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
  @IsRegionCode()
  regionCode?: string;
}
