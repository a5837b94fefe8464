import { z } from 'zod';
import { ActorSchema } from '../../envelope/event-envelope';
import { defineEvent } from '../../envelope/event-contract';
import { TrancheRefSchema } from '../disbursement-ref.schema';
import { Rupiah } from '../../money/rupiah';

/** The account a tranche is paid into, as the SPM names it. */
export const BankAccountSchema = z.object({
  bankName: z.string().min(1),
  accountNumber: z.string().min(1),
  accountHolder: z.string().min(1),
});
export type BankAccount = z.infer<typeof BankAccountSchema>;

/**
 * A BPKAD official prepared the SPM (Surat Perintah Membayar) of a READY tranche: its amount, the
 * account it goes to and the SP2D number it is to carry. It waits for a second BPKAD official to
 * authorise it (TrancheReleased) or return it. Aggregate: the proposal id.
 */
export const TranchePreparedV1 = defineEvent({
  context: 'disbursements',
  name: 'tranche-prepared',
  version: 1,
  aggregateType: 'proposal',
  schema: TrancheRefSchema.extend({
    amount: Rupiah,
    sp2dNumber: z.string().min(1),
    bankAccount: BankAccountSchema,
    preparedBy: ActorSchema,
    preparedAt: z.iso.datetime({ offset: true }),
  }),
});
export type TranchePreparedPayload = z.infer<typeof TranchePreparedV1.schema>;
