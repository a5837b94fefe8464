import { z } from 'zod';
import { ActorSchema } from '../../envelope/event-envelope';
import { defineEvent } from '../../envelope/event-contract';
import { TrancheRefSchema } from '../disbursement-ref.schema';
import { Rupiah } from '../../money/rupiah';
import { BankAccountSchema } from '../../money/bank-account';

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
    /** Why the account is not the one the BKM gave in its proposal; absent when it is. */
    accountChangeNote: z.string().min(1).optional(),
    preparedBy: ActorSchema,
    preparedAt: z.iso.datetime({ offset: true }),
  }),
});
export type TranchePreparedPayload = z.infer<typeof TranchePreparedV1.schema>;
