import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { FiscalYear, pageQuery, pageWithSliceOf, ProgrammeCode, queryBoolean, RegionCode, Uuid } from '../../requests/request-fields';
import { DisbursementViewSchema } from './disbursement-view.schema';

/** The most disbursements one page of the list holds: what the exports (CSV, xlsx) page through the service by. */
export const DISBURSEMENT_LIST_MAX_PAGE_SIZE = 200;

/**
 * Disbursements with their tranches within the caller's region (the kabupaten for regency officials,
 * a kecamatan for a Camat, a village for its BKM and Lurah), newest approval first; the treasury's
 * queue (`awaitingTreasury`) oldest approval first, as the officials' inbox.
 */
export const ListDisbursements = defineRequest('disbursements.list', {
  request: z.strictObject({
    ...pageQuery({ defaultPageSize: 50, maxPageSize: DISBURSEMENT_LIST_MAX_PAGE_SIZE, acceptsLimitOffset: true }),
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

/** The most disbursements one file holds (CSV or spreadsheet) (a line per tranche): more are refused (422 DISBURSEMENT_EXPORT_TOO_LARGE), to be narrowed. */
export const DISBURSEMENT_EXPORT_MAX_ROWS = 10_000;

/**
 * The exports of the list (CSV, xlsx) take the same filters, with no paging (neither page/pageSize nor limit/offset): every
 * disbursement that matches, up to DISBURSEMENT_EXPORT_MAX_ROWS.
 */
export const ListDisbursementsExportQuerySchema = ListDisbursements.request.pick({
  status: true,
  programCode: true,
  fiscalYear: true,
  regionCode: true,
  awaitingTreasury: true,
  proposalId: true,
});
