import { Controller } from '@nestjs/common';
import { Payload } from '@nestjs/microservices';
import { CreateProposal, GetProposal, ListProposals, RequestOf, SubmitProposal, UpdateProposal, WithdrawProposal } from '@alur/contracts';
import { actorOf, AnswersRequest, RpcRequest } from '@alur/messaging';
import { CreateProposalUseCase } from './use-cases/create-proposal.use-case';
import { ReadProposalsUseCase } from './use-cases/read-proposals.use-case';
import { SubmitProposalUseCase } from './use-cases/submit-proposal.use-case';
import { UpdateProposalUseCase } from './use-cases/update-proposal.use-case';
import { WithdrawProposalUseCase } from './use-cases/withdraw-proposal.use-case';

/** The gateway's requests about proposals: each arrives parsed by its contract and goes to a use case. */
@Controller()
export class ProposalsRpcController {
  constructor(
    private readonly createProposal: CreateProposalUseCase,
    private readonly updateProposal: UpdateProposalUseCase,
    private readonly submitProposal: SubmitProposalUseCase,
    private readonly withdrawProposal: WithdrawProposalUseCase,
    private readonly read: ReadProposalsUseCase,
  ) {}

  @AnswersRequest(CreateProposal)
  create(@Payload() request: RpcRequest<RequestOf<typeof CreateProposal>>) {
    return this.createProposal.execute(actorOf(request), request.data);
  }

  @AnswersRequest(UpdateProposal)
  update(@Payload() request: RpcRequest<RequestOf<typeof UpdateProposal>>) {
    return this.updateProposal.execute(actorOf(request), request.data);
  }

  @AnswersRequest(SubmitProposal)
  submit(@Payload() request: RpcRequest<RequestOf<typeof SubmitProposal>>) {
    return this.submitProposal.execute(actorOf(request), request.data);
  }

  @AnswersRequest(WithdrawProposal)
  withdraw(@Payload() request: RpcRequest<RequestOf<typeof WithdrawProposal>>) {
    return this.withdrawProposal.execute(actorOf(request), request.data);
  }

  @AnswersRequest(ListProposals)
  list(@Payload() request: RpcRequest<RequestOf<typeof ListProposals>>) {
    return this.read.list(actorOf(request), request.data);
  }

  @AnswersRequest(GetProposal)
  get(@Payload() request: RpcRequest<RequestOf<typeof GetProposal>>) {
    return this.read.get(actorOf(request), request.data.id);
  }
}
