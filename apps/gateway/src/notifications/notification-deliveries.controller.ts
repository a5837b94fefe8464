import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { ListDeliveriesQuery } from './dto/list-deliveries.query';
import { NotificationIdParams } from './dto/notification-id.params';

/** The delivery log for operators: who was told what, on which channel, and what failed. */
@ApiTags('notifications')
@Controller('api/v1/notifications/deliveries')
@Roles('ADMIN')
export class NotificationDeliveriesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Deliveries by status (failed unless asked otherwise), newest first, optionally for one recipient' })
  list(@Query() query: ListDeliveriesQuery) {
    return this.rpc.send('notifications.list-deliveries', query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One delivery with every attempt: queued, sent, or failed with the reason' })
  get(@Param() params: NotificationIdParams) {
    return this.rpc.send('notifications.get-delivery', { id: params.id });
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Queue a failed delivery again (409 unless it failed)' })
  retry(@Param() params: NotificationIdParams) {
    return this.rpc.send('notifications.retry-delivery', { id: params.id });
  }
}
