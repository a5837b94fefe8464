import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { Rupiah } from '../../money/rupiah';

/** A tranche (termin) may now be released by BPKAD. Aggregate: the proposal id. */
export const TrancheReadyV1 = defineEvent({
  context: 'disbursements',
  name: 'tranche-ready',
  version: 1,
  aggregateType: 'proposal',
  schema: z.object({
    proposalId: z.uuid(),
    disbursementId: z.uuid(),
    villageCode: z.string().min(1),
    trancheNumber: z.number().int().positive(),
    trancheCount: z.number().int().positive(),
    amount: Rupiah,
  }),
});
export type TrancheReadyPayload = z.infer<typeof TrancheReadyV1.schema>;
