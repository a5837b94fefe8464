import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { ListInboxUseCase } from './list-inbox.use-case';
import { MarkReadUseCase } from './mark-read.use-case';

/** The gateway's requests about the caller's own inbox. */
@Controller()
export class InboxRpcController {
  constructor(
    private readonly list: ListInboxUseCase,
    private readonly markRead: MarkReadUseCase,
  ) {}

  @MessagePattern('notifications.list-inbox')
  listInbox(@Payload() request: RpcRequest<unknown>) {
    return this.list.execute(actorOf(request), request.data);
  }

  @MessagePattern('notifications.mark-read')
  markOneRead(@Payload() request: RpcRequest<{ id: string }>) {
    return this.markRead.one(actorOf(request), request.data?.id);
  }

  @MessagePattern('notifications.mark-all-read')
  markAllRead(@Payload() request: RpcRequest<unknown>) {
    return this.markRead.all(actorOf(request));
  }
}
