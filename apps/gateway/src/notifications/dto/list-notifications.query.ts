import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../http/page.query';

export class ListNotificationsQuery extends PageQuery({ defaultLimit: 20, maxLimit: 100 }) {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'Only notifications not read yet' })
  @IsOptional()
  @IsIn(['true', 'false'])
  unreadOnly?: 'true' | 'false';
}
