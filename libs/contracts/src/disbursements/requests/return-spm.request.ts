import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { text, Uuid } from '../../requests/request-fields';
import { TrancheNumber } from './disbursement-fields';
import { TrancheViewSchema } from './disbursement-view.schema';

/** What the authoriser sends to return a prepared SPM, besides the tranche it is for. */
export const SpmReturnFields = {
  /** Why the SPM goes back; the preparer reads it. */
  reason: text(1000),
};

/** A BPKAD official other than its preparer returns a prepared SPM with a reason: the tranche is READY again. Answers the tranche. */
export const ReturnSpm = defineRequest('disbursements.tranches.return-spm', {
  request: z.strictObject({ disbursementId: Uuid, trancheNumber: TrancheNumber, ...SpmReturnFields }),
  answer: TrancheViewSchema,
});
