import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProposalSubmittedPayload, ProposalSubmittedV1 } from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';
import { SelfHelpRepository } from './self-help.repository';

/**
 * Keeps each proposal's swadaya (the community's own contribution) as last submitted: what a BKM
 * reports as spent may not exceed what was released plus the swadaya.
 */
@Injectable()
export class ProposalSubmittedHandler {
  constructor(private readonly selfHelp: SelfHelpRepository) {}

  @HandleEvent(ProposalSubmittedV1)
  async onProposalSubmitted(event: EventEnvelope<ProposalSubmittedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    // A resubmission may change the swadaya; an older submission's event arriving late changes nothing.
    await this.selfHelp.record(tx, p.proposalId, p.submissionNumber, p.selfHelpAmount);
  }
}
