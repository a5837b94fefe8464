import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { Uuid } from '../../requests/request-fields';
import { DISBURSEMENT_STATUSES } from '../funds-report/funds-report-item';
import { IdempotencyKey, OffsetDateTime, Sp2dNumber, TrancheNumber } from './disbursement-fields';
import { OfficialRefSchema } from '../../identity/official-ref.schema';
import { TrancheStepFields } from './disbursement-view.schema';

/** What the authoriser sends to release a tranche, besides the tranche it is for. */
export const TrancheReleaseFields = {
  /** The SP2D number of the prepared SPM, as the authoriser saw it; another number than the one waiting is refused (409). */
  sp2dNumber: Sp2dNumber,
  /** When the SP2D was issued (not in the future: the service checks it against its clock). */
  releasedAt: OffsetDateTime,
};

/**
 * A BPKAD official other than the preparer authorises a prepared SPM (the SP2D): the tranche is
 * released exactly once; the same Idempotency-Key with the same content answers the first result again.
 */
export const ReleaseTranche = defineRequest('disbursements.tranches.release', {
  request: z.strictObject({ disbursementId: Uuid, trancheNumber: TrancheNumber, ...TrancheReleaseFields, idempotencyKey: IdempotencyKey }),
  answer: z.object({
    ...TrancheStepFields,
    releasedAt: z.iso.datetime(),
    preparedBy: OfficialRefSchema,
    authorisedBy: OfficialRefSchema,
    status: z.literal('RELEASED'),
    disbursementStatus: z.enum(DISBURSEMENT_STATUSES),
    message: z.string(),
  }),
});
