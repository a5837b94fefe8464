import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListInbox } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { InboxQuery, ListInboxUseCase } from './use-cases/list-inbox.use-case';

/** An official's inbox: the stages waiting for their decision. */
@Controller()
export class InboxRpcController {
  constructor(private readonly inbox: ListInboxUseCase) {}

  @AnswersRequest(ListInbox)
  listInbox(@Payload() request: RpcRequest<InboxQuery>) {
    return this.inbox.execute(actorOf(request), request.data);
  }
}
