import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `limit` and `offset` query parameters, validated, for a list whose page may hold at most `maxLimit` rows. */
export function PageQuery(options: { defaultLimit: number; maxLimit: number }) {
  class Page {
    @ApiPropertyOptional({ default: options.defaultLimit, maximum: options.maxLimit })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(options.maxLimit)
    limit?: number;

    @ApiPropertyOptional({ default: 0 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(0)
    offset?: number;
  }
  return Page;
}

/** `page` (from 1) and `pageSize` query parameters, validated, for lists paged by number. */
export function NumberedPageQuery(options: { defaultPageSize: number; maxPageSize: number }) {
  class NumberedPage {
    @ApiPropertyOptional({ default: 1 })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    page?: number;

    @ApiPropertyOptional({ default: options.defaultPageSize, maximum: options.maxPageSize })
    @IsOptional()
    @Type(() => Number)
    @IsInt()
    @Min(1)
    @Max(options.maxPageSize)
    pageSize?: number;
  }
  return NumberedPage;
}
