import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListNotifications, MarkAllNotificationsRead, MarkNotificationRead, RequestOf } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { ListInboxUseCase } from './use-cases/list-inbox.use-case';
import { MarkReadUseCase } from './use-cases/mark-read.use-case';

/** The gateway's requests about the caller's own inbox. */
@Controller()
export class InboxRpcController {
  constructor(
    private readonly list: ListInboxUseCase,
    private readonly markRead: MarkReadUseCase,
  ) {}

  @AnswersRequest(ListNotifications)
  listInbox(@Payload() request: RpcRequest<RequestOf<typeof ListNotifications>>) {
    return this.list.execute(actorOf(request), request.data);
  }

  @AnswersRequest(MarkNotificationRead)
  markOneRead(@Payload() request: RpcRequest<RequestOf<typeof MarkNotificationRead>>) {
    return this.markRead.one(actorOf(request), request.data.id);
  }

  @AnswersRequest(MarkAllNotificationsRead)
  markAllRead(@Payload() request: RpcRequest<RequestOf<typeof MarkAllNotificationsRead>>) {
    return this.markRead.all(actorOf(request));
  }
}
