import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { OutboxService } from '@alur/messaging';
import { BenchNote } from './load-driver';
import { now } from './latency-probe';
import { BenchNoteRecordedV1 } from './note-recorded.event';
import { ProbeHolder } from './probe-holder';

/** The durable producer: the note and its event commit in one transaction; the commit is stamped when it resolves. */
@Injectable()
export class DurableNoteWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly probes: ProbeHolder,
  ) {}

  async write(note: BenchNote): Promise<void> {
    const envelope = await this.dataSource.transaction(async (tx) => {
      await tx.query('INSERT INTO note (book, seq, text) VALUES ($1, $2, $3)', [note.book, note.seq, note.text]);
      return this.outbox.record(tx, BenchNoteRecordedV1, { aggregateId: note.book, payload: note });
    });
    this.probes.current.committed(envelope.id, now());
  }
}
