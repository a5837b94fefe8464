import { z } from 'zod';
import { defineRequest } from '../../requests/request-contract';
import { ProgrammeSummarySchema } from './programme-view.schema';

/** Programmes with their latest published version (admins also see drafts). */
export const ListProgrammes = defineRequest('proposals.list-programmes', {
  request: z.strictObject({}),
  answer: z.array(ProgrammeSummarySchema),
});
