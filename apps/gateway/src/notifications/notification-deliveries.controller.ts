import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { GetDelivery, ListDeliveries, RequestOf, RetryDelivery } from '@alur/contracts';
import { RpcClient } from '@alur/messaging';
import { Roles } from '../auth/roles.decorator';
import { ContractInput } from '../http/contract-input';

/** The delivery log for operators: who was told what, on which channel, and what failed. */
@ApiTags('notifications')
@Controller('api/v1/notifications/deliveries')
@Roles('ADMIN')
export class NotificationDeliveriesController {
  constructor(private readonly rpc: RpcClient) {}

  @Get()
  @ApiOperation({ summary: 'Deliveries by status (failed unless asked otherwise), newest first, optionally for one recipient' })
  list(@ContractInput(ListDeliveries, { from: 'query' }) query: RequestOf<typeof ListDeliveries>) {
    return this.rpc.send(ListDeliveries, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One delivery with every attempt: queued, sent, or failed with the reason' })
  get(@ContractInput(GetDelivery, { from: 'path', params: ['id'] }) request: RequestOf<typeof GetDelivery>) {
    return this.rpc.send(GetDelivery, request);
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Queue a failed delivery again (409 unless it failed)' })
  retry(@ContractInput(RetryDelivery, { from: 'path', params: ['id'] }) request: RequestOf<typeof RetryDelivery>) {
    return this.rpc.send(RetryDelivery, request);
  }
}
