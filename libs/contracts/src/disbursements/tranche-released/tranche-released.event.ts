import { z } from 'zod';
import { ActorSchema } from '../../envelope/event-envelope';
import { defineEvent } from '../../envelope/event-contract';
import { TrancheRefSchema } from '../disbursement-ref.schema';
import { Rupiah } from '../../money/rupiah';

/**
 * A second BPKAD official authorised a prepared SPM and the tranche is released, recorded by its SP2D
 * number; this happens once per tranche. `releasedBy` is the authoriser; `preparedBy` (added later,
 * absent from older events) the official who prepared the SPM. Aggregate: the proposal id.
 */
export const TrancheReleasedV1 = defineEvent({
  context: 'disbursements',
  name: 'tranche-released',
  version: 1,
  aggregateType: 'proposal',
  schema: TrancheRefSchema.extend({
    amount: Rupiah,
    sp2dNumber: z.string().min(1),
    releasedAt: z.iso.datetime({ offset: true }),
    releasedBy: ActorSchema,
    preparedBy: ActorSchema.optional(),
  }),
});
export type TrancheReleasedPayload = z.infer<typeof TrancheReleasedV1.schema>;
