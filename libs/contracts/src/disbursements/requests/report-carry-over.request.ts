import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { FiscalYear, ProgrammeCode } from '../../requests/request-fields';
import { TRANCHE_STATUSES } from './disbursement-view.schema';
import { ReleasesClosingViewSchema } from './releases-closing-view.schema';

/** One committed tranche not released in its fiscal year. */
export const CarryOverItemSchema = z.object({
  proposalId: z.string(),
  disbursementId: z.string(),
  title: z.string(),
  programCode: z.string(),
  villageCode: z.string(),
  districtCode: z.string(),
  trancheNumber: z.number().int(),
  trancheStatus: z.enum(TRANCHE_STATUSES),
  amount: z.number().int(),
});
export type CarryOverItem = z.infer<typeof CarryOverItemSchema>;

/** The closing of a fiscal year and its carry-over (SiLPA) in the caller's kabupaten, with totals per programme. */
export const ReportCarryOver = defineRequest('disbursements.fiscal-years.carry-over', {
  request: z.strictObject({ fiscalYear: FiscalYear, programCode: ProgrammeCode.optional() }),
  answer: ReleasesClosingViewSchema.extend({
    /** Rupiah committed in the year and not released: the SiLPA once the year is closed, what would be now if it is still open. */
    total: z.number().int(),
    byProgramme: z.array(z.object({ programCode: z.string(), amount: z.number().int(), tranches: z.number().int() })),
    items: z.array(CarryOverItemSchema),
  }),
});
