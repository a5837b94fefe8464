import { z } from 'zod';
import { ActorSchema } from '../../envelope/event-envelope';
import { defineEvent } from '../../envelope/event-contract';
import { DisbursementRefSchema } from '../disbursement-ref.schema';
import { Rupiah } from '../../money/rupiah';

export const PROGRESS_VERIFICATION_DECISIONS = ['ACCEPTED', 'SENT_BACK'] as const;
export type ProgressVerificationDecision = (typeof PROGRESS_VERIFICATION_DECISIONS)[number];

/**
 * A field verifier (VERIFIKATOR of the dinas teknis) checked a progress report: ACCEPTED, it counts
 * toward the next tranche (or, final, completes the proposal); SENT_BACK, the BKM reads the note and
 * reports again. Aggregate: the proposal id.
 */
export const ProgressReportVerifiedV1 = defineEvent({
  context: 'disbursements',
  name: 'progress-report-verified',
  version: 1,
  aggregateType: 'proposal',
  schema: DisbursementRefSchema.extend({
    reportId: z.uuid(),
    decision: z.enum(PROGRESS_VERIFICATION_DECISIONS),
    note: z.string().nullable(),
    physicalProgressPercent: z.number().int().min(0).max(100),
    amountSpent: Rupiah,
    final: z.boolean(),
    verifiedBy: ActorSchema,
    verifiedAt: z.iso.datetime({ offset: true }),
  }),
});
export type ProgressReportVerifiedPayload = z.infer<typeof ProgressReportVerifiedV1.schema>;
