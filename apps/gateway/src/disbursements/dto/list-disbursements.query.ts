import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { PageQuery } from '../../http/page.query';
import { IsRegionCode } from '../../http/is-region-code.decorator';

const STATUSES = ['AWAITING_BUDGET', 'FUNDING', 'COMPLETED'] as const;

export class ListDisbursementsQuery extends PageQuery({ defaultLimit: 50, maxLimit: 200 }) {
  @ApiPropertyOptional({ enum: STATUSES })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ example: 'KOTAKU-2026' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  programCode?: string;

  @ApiPropertyOptional({ example: 2026 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  fiscalYear?: number;

  @ApiPropertyOptional({ example: '14.03.09', description: 'Only disbursements of villages within this region' })
  @IsOptional()
  @IsRegionCode()
  regionCode?: string;

  @ApiPropertyOptional({ description: 'The disbursement of one proposal' })
  @IsOptional()
  @IsUUID()
  proposalId?: string;
}
