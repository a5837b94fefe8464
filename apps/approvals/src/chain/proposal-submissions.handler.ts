import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope,
  ProposalSubmittedPayload,
  ProposalSubmittedV1,
  ProposalWithdrawnPayload,
  ProposalWithdrawnV1,
} from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';
import { StartApprovalChainUseCase } from './use-cases/start-approval-chain.use-case';
import { WithdrawFromChainUseCase } from './use-cases/withdraw-from-chain.use-case';

/** What the proposals service announces that starts or ends approval work. */
@Injectable()
export class ProposalSubmissionsHandler {
  constructor(
    private readonly startChain: StartApprovalChainUseCase,
    private readonly withdraw: WithdrawFromChainUseCase,
  ) {}

  @HandleEvent(ProposalSubmittedV1)
  onSubmitted(event: EventEnvelope<ProposalSubmittedPayload>, tx: EntityManager): Promise<void> {
    return this.startChain.execute(tx, event.payload, event.actor);
  }

  @HandleEvent(ProposalWithdrawnV1)
  onWithdrawn(event: EventEnvelope<ProposalWithdrawnPayload>, tx: EntityManager): Promise<void> {
    return this.withdraw.onProposalWithdrawn(tx, event.payload, event.actor);
  }
}
