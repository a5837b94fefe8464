import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { BankAccount, BankAccountSchema } from '@alur/contracts';
import { jsonField, queryRows, rupiahField } from '@alur/database';

/** What this service keeps of a proposal as last submitted. */
export interface ProposalSubmission {
  submissionNumber: number;
  /** Swadaya, the community's own contribution, in whole rupiah. */
  selfHelpAmount: number;
  /** The account the grant is paid into; null for a submission made before proposals named one. */
  payeeAccount: BankAccount | null;
}

const SelfHelpRow = z.object({ self_help_amount: rupiahField });
const PayeeRow = z.object({ proposal_id: z.string(), payee_account: jsonField(BankAccountSchema) });

/**
 * Each proposal as last submitted (proposal_submission): its swadaya, since what a BKM reports as spent may not exceed
 * what was released plus it, and the account its grant is paid into, which BPKAD's SPMs are checked against.
 */
@Injectable()
export class ProposalSubmissionRepository {
  /** Keeps a submission; an older submission's event arriving late changes nothing. */
  async record(tx: EntityManager, proposalId: string, submission: ProposalSubmission): Promise<void> {
    await tx.query(
      `INSERT INTO proposal_submission (proposal_id, submission_number, self_help_amount, payee_account) VALUES ($1, $2, $3, $4)
       ON CONFLICT (proposal_id) DO UPDATE SET submission_number = EXCLUDED.submission_number, self_help_amount = EXCLUDED.self_help_amount,
         payee_account = EXCLUDED.payee_account, updated_at = now()
       WHERE proposal_submission.submission_number < EXCLUDED.submission_number`,
      [
        proposalId,
        submission.submissionNumber,
        String(submission.selfHelpAmount),
        submission.payeeAccount && JSON.stringify(submission.payeeAccount),
      ],
    );
  }

  /** The proposal's swadaya in whole rupiah; undefined if its submission was never heard of here. */
  async selfHelpOf(tx: EntityManager, proposalId: string): Promise<number | undefined> {
    const [row] = await queryRows(tx, SelfHelpRow, 'SELECT self_help_amount FROM proposal_submission WHERE proposal_id = $1', [proposalId]);
    return row?.self_help_amount;
  }

  /** The accounts the given proposals' grants are paid into, by proposal id; a proposal without one is absent. */
  async payeeAccountsOf(db: EntityManager, proposalIds: readonly string[]): Promise<Map<string, BankAccount>> {
    if (proposalIds.length === 0) return new Map();
    const rows = await queryRows(
      db,
      PayeeRow,
      'SELECT proposal_id, payee_account FROM proposal_submission WHERE proposal_id = ANY($1) AND payee_account IS NOT NULL',
      [proposalIds],
    );
    return new Map(rows.map((row) => [row.proposal_id, row.payee_account]));
  }
}
