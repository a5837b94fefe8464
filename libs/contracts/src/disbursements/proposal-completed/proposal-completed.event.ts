import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { DisbursementRefSchema } from '../disbursement-ref.schema';
import { Rupiah } from '../../money/rupiah';

/** The last tranche is released and the final report accepted: the proposal is complete. Aggregate: the proposal id. */
export const ProposalCompletedV1 = defineEvent({
  context: 'disbursements',
  name: 'proposal-completed',
  version: 1,
  aggregateType: 'proposal',
  schema: DisbursementRefSchema.extend({
    totalReleased: Rupiah,
    completedAt: z.iso.datetime({ offset: true }),
  }),
});
export type ProposalCompletedPayload = z.infer<typeof ProposalCompletedV1.schema>;
