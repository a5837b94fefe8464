import { z } from 'zod';
import { ActorSchema } from '../../envelope/event-envelope';
import { defineEvent } from '../../envelope/event-contract';
import { TrancheRefSchema } from '../disbursement-ref.schema';

/**
 * A BPKAD official returned a prepared SPM instead of authorising it, with a reason: the tranche is
 * READY again and its SP2D number free. Aggregate: the proposal id.
 */
export const SpmReturnedV1 = defineEvent({
  context: 'disbursements',
  name: 'spm-returned',
  version: 1,
  aggregateType: 'proposal',
  schema: TrancheRefSchema.extend({
    sp2dNumber: z.string().min(1),
    reason: z.string().min(1),
    preparedBy: ActorSchema,
    returnedBy: ActorSchema,
    returnedAt: z.iso.datetime({ offset: true }),
  }),
});
export type SpmReturnedPayload = z.infer<typeof SpmReturnedV1.schema>;
