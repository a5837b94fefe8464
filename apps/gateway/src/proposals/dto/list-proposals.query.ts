import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { IsRegionCode } from '../../http/is-region-code.decorator';
import { NumberedPageQuery } from '../../http/page.query';

const STATUSES = ['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'RETURNED', 'APPROVED', 'AWAITING_BUDGET', 'REJECTED', 'WITHDRAWN', 'FUNDING', 'COMPLETED'] as const;

export class ListProposalsQuery extends NumberedPageQuery({ defaultPageSize: 20, maxPageSize: 100 }) {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ example: 'KOTAKU-2026' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  programCode?: string;

  @ApiPropertyOptional({ example: '14.03.09', description: 'Only proposals of villages within this region' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @ApiPropertyOptional({ description: 'Text in the title, description or executor group' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
