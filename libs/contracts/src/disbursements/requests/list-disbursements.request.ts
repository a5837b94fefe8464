import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { FiscalYear, limitOffsetQuery, ProgrammeCode, RegionCode, Uuid } from '../../requests/request-fields';
import { DisbursementViewSchema } from './disbursement-view.schema';

/**
 * Disbursements with their tranches within the caller's region (the kabupaten for regency officials,
 * a kecamatan for a Camat, a village for its BKM and Lurah), newest approval first.
 */
export const ListDisbursements = defineRequest('disbursements.list', {
  request: z.strictObject({
    ...limitOffsetQuery({ defaultLimit: 50, maxLimit: 200 }),
    status: z.enum(['AWAITING_BUDGET', 'FUNDING', 'COMPLETED']).optional(),
    programCode: ProgrammeCode.optional(),
    fiscalYear: FiscalYear.optional(),
    /** Only disbursements of villages within this region (inside the caller's own). */
    regionCode: RegionCode.optional(),
    /** The disbursement of one proposal. */
    proposalId: Uuid.optional(),
  }),
  answer: z.object({ items: z.array(DisbursementViewSchema), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }),
});
