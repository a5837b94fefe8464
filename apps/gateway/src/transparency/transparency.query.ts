import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IsRegionCode } from '../http/is-region-code.decorator';
import { NumberedPageQuery } from '../http/page.query';

export class TransparencyQuery extends NumberedPageQuery({ defaultPageSize: 20, maxPageSize: 100 }) {
  @ApiPropertyOptional({ example: '14.03', description: 'A kabupaten, kecamatan or village; everything when left out' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ description: 'Text in the proposal’s title or its village’s name' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
