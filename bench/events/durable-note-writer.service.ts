import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { runAndCommit, together } from '@alur/database';
import { OutboxService } from '@alur/messaging';
import { BenchNote } from './load-driver';
import { now } from './latency-probe';
import { BenchNoteRecordedV1 } from './note-recorded.event';
import { ProbeHolder } from './probe-holder';

/**
 * The durable producer: the note and its event commit in one transaction; the commit is stamped when it
 * resolves. Written as the services write a change (ChangeRecorder): the event's outbox row and the change
 * in one statement, the transaction's last, which commits it.
 */
@Injectable()
export class DurableNoteWriter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
    private readonly probes: ProbeHolder,
  ) {}

  async write(note: BenchNote): Promise<void> {
    const noted = {
      with: 'noted AS (INSERT INTO note (book, seq, text) VALUES ($1, $2, $3))',
      select: 'NULL',
      params: [note.book, note.seq, note.text],
    };
    const [envelope] = await this.dataSource.transaction((tx) =>
      this.outbox.recordMany(tx, BenchNoteRecordedV1, [{ aggregateId: note.book, payload: note }], (rows) =>
        runAndCommit(tx, together(rows, noted)),
      ),
    );
    this.probes.current.committed(envelope.id, now());
  }
}
