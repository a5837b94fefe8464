import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { actorOf, parseRequest, RpcRequest } from '@alur/messaging';
import { CreateProposalCommand, ListProposalsQuery, ProposalActionCommand, UpdateProposalCommand } from './proposal-commands';
import { CreateProposalUseCase } from './use-cases/create-proposal.use-case';
import { ReadProposalsUseCase } from './use-cases/read-proposals.use-case';
import { SubmitProposalUseCase } from './use-cases/submit-proposal.use-case';
import { UpdateProposalUseCase } from './use-cases/update-proposal.use-case';
import { WithdrawProposalUseCase } from './use-cases/withdraw-proposal.use-case';

/** The gateway's requests about proposals: each parses its command and hands it to a use case. */
@Controller()
export class ProposalsRpcController {
  constructor(
    private readonly createProposal: CreateProposalUseCase,
    private readonly updateProposal: UpdateProposalUseCase,
    private readonly submitProposal: SubmitProposalUseCase,
    private readonly withdrawProposal: WithdrawProposalUseCase,
    private readonly read: ReadProposalsUseCase,
  ) {}

  @MessagePattern('proposals.create')
  create(@Payload() request: RpcRequest<unknown>) {
    return this.createProposal.execute(actorOf(request), parseRequest(CreateProposalCommand, request.data));
  }

  @MessagePattern('proposals.update')
  update(@Payload() request: RpcRequest<unknown>) {
    return this.updateProposal.execute(actorOf(request), parseRequest(UpdateProposalCommand, request.data));
  }

  @MessagePattern('proposals.submit')
  submit(@Payload() request: RpcRequest<unknown>) {
    return this.submitProposal.execute(actorOf(request), parseRequest(ProposalActionCommand, request.data));
  }

  @MessagePattern('proposals.withdraw')
  withdraw(@Payload() request: RpcRequest<unknown>) {
    return this.withdrawProposal.execute(actorOf(request), parseRequest(ProposalActionCommand, request.data));
  }

  @MessagePattern('proposals.list')
  list(@Payload() request: RpcRequest<unknown>) {
    return this.read.list(actorOf(request), parseRequest(ListProposalsQuery, request.data));
  }

  @MessagePattern('proposals.get')
  get(@Payload() request: RpcRequest<{ id: string }>) {
    return this.read.get(actorOf(request), String(request.data?.id));
  }
}
