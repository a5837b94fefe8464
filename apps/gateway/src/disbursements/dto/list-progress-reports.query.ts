import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../http/page.query';

const VERIFICATION_STATUSES = ['PENDING', 'ACCEPTED', 'SENT_BACK'] as const;

export class ListProgressReportsQuery extends PageQuery({ defaultLimit: 50, maxLimit: 200 }) {
  @ApiPropertyOptional({ enum: VERIFICATION_STATUSES, description: 'PENDING is a Verifikator’s queue' })
  @IsOptional()
  @IsIn(VERIFICATION_STATUSES)
  verificationStatus?: (typeof VERIFICATION_STATUSES)[number];

  @ApiPropertyOptional({ description: 'The reports of one proposal' })
  @IsOptional()
  @IsUUID()
  proposalId?: string;
}
