import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, ProposalSubmittedPayload, ProposalSubmittedV1 } from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';

/**
 * Keeps each proposal's swadaya (the community's own contribution) as last submitted: what a BKM
 * reports as spent may not exceed what was released plus the swadaya.
 */
@Injectable()
export class ProposalSubmittedHandler {
  @HandleEvent(ProposalSubmittedV1)
  async onProposalSubmitted(event: EventEnvelope<ProposalSubmittedPayload>, tx: EntityManager): Promise<void> {
    const p = event.payload;
    // A resubmission may change the swadaya; an older submission's event arriving late changes nothing.
    await tx.query(
      `INSERT INTO proposal_self_help (proposal_id, submission_number, self_help_amount) VALUES ($1, $2, $3)
       ON CONFLICT (proposal_id) DO UPDATE SET submission_number = EXCLUDED.submission_number, self_help_amount = EXCLUDED.self_help_amount, updated_at = now()
       WHERE proposal_self_help.submission_number < EXCLUDED.submission_number`,
      [p.proposalId, p.submissionNumber, String(p.selfHelpAmount)],
    );
  }
}
