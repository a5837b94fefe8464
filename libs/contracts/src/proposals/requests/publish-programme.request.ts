import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { ProgrammeCode, queryInt } from '../../requests/request-fields';
import { ProgrammeVersionViewSchema } from './programme-view.schema';

/** An admin publishes a draft version: it becomes final and proposals are written against it (409 if already published). */
export const PublishProgramme = defineRequest('proposals.publish-programme', {
  request: z.strictObject({
    code: ProgrammeCode,
    /** From the path, so given as text there. */
    version: queryInt({ min: 1, max: 2_147_483_647 }),
  }),
  answer: ProgrammeVersionViewSchema,
});
