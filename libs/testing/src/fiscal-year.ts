import { fiscalYearAt } from '@alur/contracts';

/** The fiscal year a test's programmes belong to: this year, so that their releases are still open. */
export const THIS_FISCAL_YEAR = fiscalYearAt(new Date());
