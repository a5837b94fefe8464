import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, requireRole, RpcRequest } from '@alur/messaging';
import { DeliveryLogUseCase } from './delivery-log.use-case';

/** Operators' requests about the delivery log: administrators only. */
@Controller()
export class DeliveryLogRpcController {
  constructor(private readonly log: DeliveryLogUseCase) {}

  @MessagePattern('notifications.list-deliveries')
  list(@Payload() request: RpcRequest<unknown>) {
    requireRole(actorOf(request), 'ADMIN');
    return this.log.list(request.data);
  }

  @MessagePattern('notifications.get-delivery')
  get(@Payload() request: RpcRequest<{ id: string }>) {
    requireRole(actorOf(request), 'ADMIN');
    return this.log.get(request.data?.id);
  }

  @MessagePattern('notifications.retry-delivery')
  retry(@Payload() request: RpcRequest<{ id: string }>) {
    const admin = actorOf(request);
    requireRole(admin, 'ADMIN');
    return this.log.retry(admin, request.data?.id);
  }
}
