import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { FiscalYear } from '../../requests/request-fields';
import { OffsetDateTime } from './disbursement-fields';
import { ReleasesClosingViewSchema } from './releases-closing-view.schema';

/** BPKAD sets (or moves) when its kabupaten's fiscal year closes for releases; a release after it is refused. */
export const SetReleasesClosing = defineRequest('disbursements.fiscal-years.set-closing', {
  request: z.strictObject({
    fiscalYear: FiscalYear,
    /** When the fiscal year closes for releases (the regency's year-end closing). */
    releasesCloseAt: OffsetDateTime,
  }),
  answer: ReleasesClosingViewSchema,
});
