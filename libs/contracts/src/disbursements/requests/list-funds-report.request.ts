import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { FiscalYear, RegionCode } from '../../requests/request-fields';
import { FundsReportItemSchema } from '../funds-report/funds-report-item';

/** Every finally approved proposal (not withdrawn) with its money and verified progress; public information, no caller needed. */
export const ListFundsReport = defineRequest('disbursements.reporting.funds', {
  request: z.strictObject({
    /** A kabupaten, kecamatan or village; everything when left out. */
    regionCode: RegionCode.optional(),
    fiscalYear: FiscalYear.optional(),
  }),
  answer: z.object({ items: z.array(FundsReportItemSchema) }),
});
