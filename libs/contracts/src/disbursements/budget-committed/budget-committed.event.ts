import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { DisbursementRefSchema } from '../disbursement-ref.schema';
import { BasisPoints, Rupiah } from '../../money/rupiah';

/**
 * An approved proposal's amount is committed against its ceiling (pagu) and split into tranches whose
 * sum is the amount exactly; the first tranche is ready at once. Aggregate: the proposal id.
 */
export const BudgetCommittedV1 = defineEvent({
  context: 'disbursements',
  name: 'budget-committed',
  version: 1,
  aggregateType: 'proposal',
  schema: DisbursementRefSchema.extend({
    programCode: z.string().min(1),
    fiscalYear: z.number().int(),
    /** The region whose ceiling carries the commitment (a kecamatan for KOTAKU-2026, a village for BK-DESA-2026). */
    ceilingRegionCode: z.string().min(1),
    amount: Rupiah,
    committedAt: z.iso.datetime({ offset: true }),
    tranches: z
      .array(
        z.object({
          number: z.number().int().positive(),
          amount: Rupiah,
          shareBp: BasisPoints,
          unlockProgressPercent: z.number().int().min(0).max(100),
        }),
      )
      .min(1),
  }),
});
export type BudgetCommittedPayload = z.infer<typeof BudgetCommittedV1.schema>;
