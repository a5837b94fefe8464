import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { GetDelivery, ListDeliveries, RequestOf, requireRole, RetryDelivery } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { DeliveryLogUseCase } from './use-cases/delivery-log.use-case';

/** Operators' requests about the delivery log: administrators only. */
@Controller()
export class DeliveryLogRpcController {
  constructor(private readonly log: DeliveryLogUseCase) {}

  @AnswersRequest(ListDeliveries)
  list(@Payload() request: RpcRequest<RequestOf<typeof ListDeliveries>>) {
    requireRole(actorOf(request), 'ADMIN');
    return this.log.list(request.data);
  }

  @AnswersRequest(GetDelivery)
  get(@Payload() request: RpcRequest<RequestOf<typeof GetDelivery>>) {
    requireRole(actorOf(request), 'ADMIN');
    return this.log.get(request.data.id);
  }

  @AnswersRequest(RetryDelivery)
  retry(@Payload() request: RpcRequest<RequestOf<typeof RetryDelivery>>) {
    const admin = actorOf(request);
    requireRole(admin, 'ADMIN');
    return this.log.retry(admin, request.data.id);
  }
}
