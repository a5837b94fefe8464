import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { TrancheRefSchema } from '../disbursement-ref.schema';
import { Rupiah } from '../../money/rupiah';

/** A tranche (termin) may now be released by BPKAD. Aggregate: the proposal id. */
export const TrancheReadyV1 = defineEvent({
  context: 'disbursements',
  name: 'tranche-ready',
  version: 1,
  aggregateType: 'proposal',
  schema: TrancheRefSchema.extend({ amount: Rupiah }),
});
export type TrancheReadyPayload = z.infer<typeof TrancheReadyV1.schema>;
