import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { Rupiah } from '../../money/rupiah';

/** An approved proposal does not fit what is left under its ceiling: it waits for budget. Aggregate: the proposal id. */
export const ProposalAwaitingBudgetV1 = defineEvent({
  context: 'disbursements',
  name: 'proposal-awaiting-budget',
  version: 1,
  aggregateType: 'proposal',
  schema: z.object({
    proposalId: z.uuid(),
    programCode: z.string().min(1),
    fiscalYear: z.number().int(),
    ceilingRegionCode: z.string().min(1),
    villageCode: z.string().min(1),
    requestedAmount: Rupiah,
    /** What the ceiling still had free when the proposal was approved. */
    available: Rupiah,
  }),
});
export type ProposalAwaitingBudgetPayload = z.infer<typeof ProposalAwaitingBudgetV1.schema>;
