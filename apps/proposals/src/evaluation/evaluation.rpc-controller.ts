import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CountProposals, RequestOf } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { CountProposalsUseCase } from './use-cases/count-proposals.use-case';

/** The pilot evaluation's proposal counts, asked for by the gateway. */
@Controller()
export class EvaluationRpcController {
  constructor(private readonly countProposals: CountProposalsUseCase) {}

  @AnswersRequest(CountProposals)
  counts(@Payload() request: RpcRequest<RequestOf<typeof CountProposals>>) {
    return this.countProposals.execute(actorOf(request), request.data);
  }
}
