import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { queryRows, rupiahField } from '@alur/database';

const SelfHelpRow = z.object({ self_help_amount: rupiahField });

/** Each proposal's swadaya (the community's own contribution) as last submitted (proposal_self_help). */
@Injectable()
export class SelfHelpRepository {
  /** Keeps a submission's swadaya; an older submission's event arriving late changes nothing. */
  async record(tx: EntityManager, proposalId: string, submissionNumber: number, selfHelpAmount: number): Promise<void> {
    await tx.query(
      `INSERT INTO proposal_self_help (proposal_id, submission_number, self_help_amount) VALUES ($1, $2, $3)
       ON CONFLICT (proposal_id) DO UPDATE SET submission_number = EXCLUDED.submission_number, self_help_amount = EXCLUDED.self_help_amount, updated_at = now()
       WHERE proposal_self_help.submission_number < EXCLUDED.submission_number`,
      [proposalId, submissionNumber, String(selfHelpAmount)],
    );
  }

  /** The proposal's swadaya in whole rupiah; undefined if its submission was never heard of here. */
  async amountOf(tx: EntityManager, proposalId: string): Promise<number | undefined> {
    const [selfHelp] = await queryRows(tx, SelfHelpRow, 'SELECT self_help_amount FROM proposal_self_help WHERE proposal_id = $1', [
      proposalId,
    ]);
    return selfHelp?.self_help_amount;
  }
}
