import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { DisbursementRefSchema } from '../disbursement-ref.schema';
import { Rupiah } from '../../money/rupiah';

/** The BKM reported physical progress and money spent; `final` marks the 100% accountability report (LPJ). Aggregate: the proposal id. */
export const ProgressReportedV1 = defineEvent({
  context: 'disbursements',
  name: 'progress-reported',
  version: 1,
  aggregateType: 'proposal',
  schema: DisbursementRefSchema.extend({
    reportId: z.uuid(),
    physicalProgressPercent: z.number().int().min(0).max(100),
    amountSpent: Rupiah,
    final: z.boolean(),
    reportedAt: z.iso.datetime({ offset: true }),
  }),
});
export type ProgressReportedPayload = z.infer<typeof ProgressReportedV1.schema>;
