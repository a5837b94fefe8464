import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString } from 'class-validator';
import { PageQuery } from '../../http/page.query';

const STATUSES = ['queued', 'sending', 'retrying', 'sent', 'failed'] as const;

export class ListDeliveriesQuery extends PageQuery({ defaultLimit: 50, maxLimit: 200 }) {
  @ApiPropertyOptional({ enum: STATUSES, default: 'failed' })
  @IsOptional()
  @IsIn(STATUSES)
  status?: (typeof STATUSES)[number];

  @ApiPropertyOptional({ description: 'Username or user id of the recipient, e.g. camat.14.03.09' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  recipient?: string;
}
