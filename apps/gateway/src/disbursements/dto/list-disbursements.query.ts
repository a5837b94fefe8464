import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

const STATUSES = ['AWAITING_BUDGET', 'FUNDING', 'COMPLETED'] as const;

export class ListDisbursementsQuery {
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
  @Matches(/^\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?$/, { message: 'regionCode must be a Kemendagri region code such as 14.03.09' })
  regionCode?: string;

  @ApiPropertyOptional({ description: 'The disbursement of one proposal' })
  @IsOptional()
  @IsUUID()
  proposalId?: string;

  @ApiPropertyOptional({ default: 50, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;

  @ApiPropertyOptional({ default: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  offset?: number;
}
