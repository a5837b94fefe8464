import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProposalSubmittedPayload, ProposalSubmittedV1 } from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';
import { ProposalSubmissionRepository } from './proposal-submission.repository';

/**
 * Keeps each proposal as last submitted: its swadaya (what a BKM reports as spent may not exceed what was
 * released plus it) and the account its grant is paid into (what BPKAD's SPMs are checked against).
 */
@Injectable()
export class ProposalSubmittedHandler {
  constructor(private readonly submissions: ProposalSubmissionRepository) {}

  @HandleEvent(ProposalSubmittedV1)
  async onProposalSubmitted(event: EventEnvelope<ProposalSubmittedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    // A resubmission may change both; an older submission's event arriving late changes nothing.
    await this.submissions.record(tx, p.proposalId, {
      submissionNumber: p.submissionNumber,
      selfHelpAmount: p.selfHelpAmount,
      payeeAccount: p.payeeAccount ?? null,
    });
  }
}
