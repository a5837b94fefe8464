import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { ProgrammeCode } from '../../requests/request-fields';
import { ProgrammeSummarySchema } from './programme-view.schema';

/** One programme: its latest published version and all versions (404 when the caller sees none). */
export const GetProgramme = defineRequest('proposals.get-programme', {
  request: z.strictObject({ code: ProgrammeCode }),
  answer: ProgrammeSummarySchema,
});
