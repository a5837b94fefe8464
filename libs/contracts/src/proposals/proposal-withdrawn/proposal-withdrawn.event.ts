import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';

/** The BKM withdrew its proposal; any open approval work on it ends. Aggregate: the proposal id. */
export const ProposalWithdrawnV1 = defineEvent({
  context: 'proposals',
  name: 'proposal-withdrawn',
  version: 1,
  aggregateType: 'proposal',
  schema: z.object({
    proposalId: z.uuid(),
    programCode: z.string().min(1),
    programVersion: z.number().int().positive(),
    villageCode: z.string().min(1),
    districtCode: z.string().min(1),
    regencyCode: z.string().min(1),
    /** The status it was withdrawn from (DRAFT, SUBMITTED, IN_REVIEW or RETURNED). */
    fromStatus: z.string().min(1),
    submissionNumber: z.number().int().nonnegative(),
    reason: z.string().nullable(),
  }),
});
export type ProposalWithdrawnPayload = z.infer<typeof ProposalWithdrawnV1.schema>;
