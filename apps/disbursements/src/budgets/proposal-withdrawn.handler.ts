import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProposalWithdrawnPayload, ProposalWithdrawnV1 } from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';
import { BudgetCommitment } from './budget-commitment.service';

/** A withdrawn proposal is never funded: what was committed for it goes back to its ceiling. */
@Injectable()
export class ProposalWithdrawnHandler {
  constructor(private readonly commitment: BudgetCommitment) {}

  @HandleEvent(ProposalWithdrawnV1)
  async onProposalWithdrawn(event: EventEnvelope<ProposalWithdrawnPayload>, tx: EntityManager): Promise<void> {
    await this.commitment.onWithdrawn(tx, event.payload.proposalId, event.id, new Date(event.occurredAt), event.actor);
  }
}
