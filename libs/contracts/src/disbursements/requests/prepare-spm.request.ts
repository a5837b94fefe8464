import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { text, Uuid } from '../../requests/request-fields';
import { BankAccountSchema } from '../tranche-prepared/tranche-prepared.event';
import { IdempotencyKey, Sp2dNumber, TrancheNumber } from './disbursement-fields';
import { OfficialRefSchema } from '../../identity/official-ref.schema';
import { TrancheStepFields } from './disbursement-view.schema';

/** The account a tranche is paid into (the BKM's), as BPKAD enters it. */
export const BankAccountInput = z.strictObject({
  bankName: text(100),
  accountNumber: z.string().regex(/^\d{5,30}$/, { message: 'must be 5 to 30 digits' }),
  accountHolder: text(200),
});

/** What the official sends to prepare an SPM, besides the tranche it is for. */
export const SpmPreparationFields = {
  /** The SP2D number the payment order is to carry once authorised; used once only. */
  sp2dNumber: Sp2dNumber,
  /** Where the tranche is paid. */
  bankAccount: BankAccountInput,
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
    preparedBy: OfficialRefSchema,
    preparedAt: z.iso.datetime(),
    status: z.literal('PREPARED'),
    message: z.string(),
  }),
});
