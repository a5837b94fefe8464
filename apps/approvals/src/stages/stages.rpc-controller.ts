import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { ListProposalStages, RequestOf } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { ListProposalStagesUseCase } from './use-cases/list-proposal-stages.use-case';

/** A proposal's approval stages, as the gateway shows them. */
@Controller()
export class StagesRpcController {
  constructor(private readonly proposalStages: ListProposalStagesUseCase) {}

  @AnswersRequest(ListProposalStages)
  listProposalStages(@Payload() request: RpcRequest<RequestOf<typeof ListProposalStages>>) {
    return this.proposalStages.execute(actorOf(request), request.data.proposalId);
  }
}
