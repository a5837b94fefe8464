import { randomUUID } from 'node:crypto';
import { EventEnvelope, PayloadOf } from '@alur/contracts';
import { now } from './latency-probe';
import { BenchNoteRecordedV1 } from './note-recorded.event';

export type BenchNote = PayloadOf<typeof BenchNoteRecordedV1>;

export interface LoadShape {
  events: number;
  aggregates: number;
  /** Writers committing at once; each starts its next event when its last one resolved. */
  writers: number;
  /** Offered rate (events/s) for a paced run; without it every writer goes as fast as it can. */
  ratePerSecond?: number;
  /** No event starts after this many seconds, so that a slow machine still finishes in bounded time. */
  maxSeconds?: number;
  /** Length of each note's text, so that both paths carry the same bytes. */
  textLength: number;
}

/**
 * Runs `write` once per event with at most `writers` at once; notes are spread over the aggregates in
 * turn. Returns how many events were written (fewer than asked when `maxSeconds` ran out).
 */
export async function driveLoad(shape: LoadShape, tag: string, write: (note: BenchNote) => Promise<void>): Promise<number> {
  const filler = 'x'.repeat(shape.textLength);
  const seqOf = new Map<string, number>();
  const start = now();
  const deadline = shape.maxSeconds ? start + shape.maxSeconds * 1000 : Infinity;
  let next = 0;
  let written = 0;
  const writer = async () => {
    for (;;) {
      if (next >= shape.events || now() >= deadline) return;
      const i = next++;
      if (shape.ratePerSecond) {
        const due = start + (i * 1000) / shape.ratePerSecond;
        const wait = due - now();
        if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      }
      const book = `${tag}-book-${i % shape.aggregates}`;
      const seq = (seqOf.get(book) ?? 0) + 1;
      seqOf.set(book, seq);
      await write({ book, seq, text: `${tag}-${i}-${filler}`.slice(0, shape.textLength) });
      written++;
    }
  };
  await Promise.all(Array.from({ length: shape.writers }, writer));
  return written;
}

/** The envelope the durable path's outbox would build, for the plain path to carry the same bytes. */
export function plainEnvelope(note: BenchNote): EventEnvelope<BenchNote> {
  return {
    id: randomUUID(),
    type: BenchNoteRecordedV1.type,
    version: BenchNoteRecordedV1.version,
    occurredAt: new Date().toISOString(),
    aggregateType: BenchNoteRecordedV1.aggregateType,
    aggregateId: note.book,
    actor: null,
    correlationId: randomUUID(),
    payload: note,
  };
}
