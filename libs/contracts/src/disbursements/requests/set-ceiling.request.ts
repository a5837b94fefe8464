import { z } from 'zod';
import { Rupiah } from '../../money/rupiah';
import { defineRequest } from '../../requests/request-contract';
import { FiscalYear, RegionCode } from '../../requests/request-fields';
import { ProgrammeCodeParam } from './disbursement-fields';
import { BudgetViewSchema } from './budget-view.schema';

/**
 * BPKAD sets a ceiling's amount: raising it commits waiting proposals in approval order; it may be
 * lowered, never below what is already committed (409), and not past a change it has not seen (409).
 */
export const SetCeiling = defineRequest('disbursements.budgets.set-ceiling', {
  request: z.strictObject({
    programCode: ProgrammeCodeParam,
    fiscalYear: FiscalYear,
    /** The region the programme sets its ceilings per (its ceiling level). */
    regionCode: RegionCode,
    /** The ceiling (pagu) in whole rupiah; not below what is already committed. */
    amount: Rupiah,
    /**
     * The amount the caller saw: when given and the ceiling has been changed since, 409 `CEILING_CHANGED` and
     * nothing changes, so two officials cannot overwrite each other's pagu unseen.
     */
    expectedAmount: Rupiah.optional(),
  }),
  answer: z.object({
    budget: BudgetViewSchema,
    /** Waiting proposals the new amount made room for, committed in approval order. */
    committedProposalIds: z.array(z.string()),
  }),
});
