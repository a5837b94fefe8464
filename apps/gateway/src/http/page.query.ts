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
