import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope } from '@alur/contracts';
import { HandleEvent } from '@alur/messaging';
import { BenchNote } from './load-driver';
import { BenchNoteRecordedV1 } from './note-recorded.event';

/** The durable consumer: its row commits with the inbox record (the handled time is stamped after that commit). */
@Injectable()
export class DurableNoteReader {
  @HandleEvent(BenchNoteRecordedV1)
  async onNoteRecorded(event: EventEnvelope<BenchNote>, tx: EntityManager): Promise<void> {
    const { book, seq, text } = event.payload;
    await tx.query('INSERT INTO note_seen (event_id, book, seq, text) VALUES ($1, $2, $3, $4)', [event.id, book, seq, text]);
  }
}
