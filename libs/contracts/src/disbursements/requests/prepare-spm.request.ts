import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { text, Uuid } from '../../requests/request-fields';
import { BankAccountInput, BankAccountSchema } from '../../money/bank-account';
import { IdempotencyKey, Sp2dNumber, TrancheNumber } from './disbursement-fields';
import { OfficialRefSchema } from '../../identity/official-ref.schema';
import { TrancheStepFields } from './disbursement-view.schema';

/** What the official sends to prepare an SPM, besides the tranche it is for. */
export const SpmPreparationFields = {
  /** The SP2D number the payment order is to carry once authorised; used once only. */
  sp2dNumber: Sp2dNumber,
  /** Where the tranche is paid. */
  bankAccount: BankAccountInput,
  /**
   * Why the SPM pays into another account than the one the BKM gave in its proposal (the BKM's letter, say);
   * required then, and refused when the account is the proposal's.
   */
  accountChangeNote: text(500).optional(),
};

/**
 * A BPKAD official prepares the SPM of a READY tranche; it waits, PREPARED, for another BPKAD official
 * to authorise it. The same Idempotency-Key with the same content answers the first result again.
 */
export const PrepareSpm = defineRequest('disbursements.tranches.prepare', {
  request: z.strictObject({
    disbursementId: Uuid,
    trancheNumber: TrancheNumber,
    ...SpmPreparationFields,
    idempotencyKey: IdempotencyKey,
  }),
  answer: z.object({
    ...TrancheStepFields,
    bankAccount: BankAccountSchema,
    accountChangeNote: z.string().nullable(),
    preparedBy: OfficialRefSchema,
    preparedAt: z.iso.datetime(),
    status: z.literal('PREPARED'),
    message: z.string(),
  }),
});
