import { z } from 'zod';
import { defineEvent } from '@alur/contracts';

/** The bench's own event: a note written by the producer, numbered per aggregate (a note book). */
export const BenchNoteRecordedV1 = defineEvent({
  context: 'bench',
  name: 'note-recorded',
  version: 1,
  aggregateType: 'note-book',
  schema: z.object({ book: z.string(), seq: z.number().int().positive(), text: z.string() }),
});
