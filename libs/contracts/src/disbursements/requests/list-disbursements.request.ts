import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { FiscalYear, pageQuery, pageWithSliceOf, ProgrammeCode, queryBoolean, RegionCode, Uuid } from '../../requests/request-fields';
import { DisbursementViewSchema } from './disbursement-view.schema';

/**
 * Disbursements with their tranches within the caller's region (the kabupaten for regency officials,
 * a kecamatan for a Camat, a village for its BKM and Lurah), newest approval first; the treasury's
 * queue (`awaitingTreasury`) oldest approval first, as the officials' inbox.
 */
export const ListDisbursements = defineRequest('disbursements.list', {
  request: z.strictObject({
    ...pageQuery({ defaultPageSize: 50, maxPageSize: 200, acceptsLimitOffset: true }),
    status: z.enum(['AWAITING_BUDGET', 'FUNDING', 'COMPLETED']).optional(),
    programCode: ProgrammeCode.optional(),
    fiscalYear: FiscalYear.optional(),
    /** Only disbursements of villages within this region (inside the caller's own). */
    regionCode: RegionCode.optional(),
    /**
     * Only those with a tranche waiting for BPKAD: READY for its SPM, or PREPARED for the second
     * official to authorise (SP2D) or return.
     */
    awaitingTreasury: queryBoolean.optional(),
    /** The disbursement of one proposal. */
    proposalId: Uuid.optional(),
  }),
  answer: pageWithSliceOf(DisbursementViewSchema),
});
