import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { FiscalYear, ProgrammeCode, RegionCode } from '../../requests/request-fields';
import { BudgetViewSchema } from './budget-view.schema';

/** Ceilings of the caller's kabupaten (ADMIN and BPKAD), by programme, year and region. */
export const ListBudgets = defineRequest('disbursements.budgets.list', {
  request: z.strictObject({
    programCode: ProgrammeCode.optional(),
    /** Fiscal year. */
    year: FiscalYear.optional(),
    /** The ceiling region, or a region above it (a kecamatan lists its villages' ceilings). */
    regionCode: RegionCode.optional(),
  }),
  answer: z.object({ items: z.array(BudgetViewSchema) }),
});
