import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';

export class TransparencyQuery {
  @ApiPropertyOptional({ example: '14.03', description: 'A kabupaten, kecamatan or village; everything when left out' })
  @IsOptional()
  @Matches(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, { message: 'regionCode must be a Kemendagri region code such as 14.03.09' })
  regionCode?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;
}
