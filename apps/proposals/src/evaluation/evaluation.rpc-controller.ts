import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, RpcRequest } from '@alur/messaging';
import { CountProposalsUseCase } from './count-proposals.use-case';

/** The pilot evaluation's proposal counts, asked for by the gateway. */
@Controller()
export class EvaluationRpcController {
  constructor(private readonly countProposals: CountProposalsUseCase) {}

  @MessagePattern('proposals.evaluation.counts')
  counts(@Payload() request: RpcRequest<unknown>) {
    return this.countProposals.execute(actorOf(request), request.data);
  }
}
