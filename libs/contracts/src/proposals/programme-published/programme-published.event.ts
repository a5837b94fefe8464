import { z } from 'zod';
import { defineEvent } from '../../envelope/event-contract';
import { ProgrammeDefinitionSchema } from '../programme-definition/programme-definition.schema';

/** A programme version was published and will never change. Aggregate: the programme code. */
export const ProgrammePublishedV1 = defineEvent({
  context: 'proposals',
  name: 'programme-published',
  version: 1,
  aggregateType: 'programme',
  schema: ProgrammeDefinitionSchema.extend({ publishedAt: z.iso.datetime({ offset: true }) }),
});
export type ProgrammePublishedPayload = z.infer<typeof ProgrammePublishedV1.schema>;
