import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { Rupiah } from '../../money/rupiah';

/** The last stage approved: the proposal is finally approved and its amount may be committed. Aggregate: the proposal id. */
export const ProposalApprovedV1 = defineEvent({
  context: 'approvals',
  name: 'proposal-approved',
  version: 1,
  aggregateType: 'proposal',
  schema: z.object({
    proposalId: z.uuid(),
    submissionNumber: z.number().int().positive(),
    programCode: z.string().min(1),
    programVersion: z.number().int().positive(),
    villageCode: z.string().min(1),
    districtCode: z.string().min(1),
    regencyCode: z.string().min(1),
    title: z.string().min(1),
    requestedAmount: Rupiah,
    approvedAt: z.iso.datetime({ offset: true }),
  }),
});
export type ProposalApprovedPayload = z.infer<typeof ProposalApprovedV1.schema>;
