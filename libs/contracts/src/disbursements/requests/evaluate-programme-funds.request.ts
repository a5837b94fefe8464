import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { FiscalYear, RegionCode } from '../../requests/request-fields';
import { ProgrammeEvaluationSchema } from '../programme-evaluation/programme-evaluation';
import { ProgrammeCodeParam } from './disbursement-fields';

/** The money side of a programme's pilot evaluation in the caller's kabupaten: the pilot regions against the others. */
export const EvaluateProgrammeFunds = defineRequest('disbursements.evaluation.programme', {
  request: z.strictObject({
    programCode: ProgrammeCodeParam,
    fiscalYear: FiscalYear,
    /** The pilot's kecamatan or villages; the programme's own eligible list when left out. */
    pilotRegionCodes: z.array(RegionCode).max(200).optional(),
  }),
  answer: ProgrammeEvaluationSchema,
});
