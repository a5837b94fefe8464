import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

export interface DeadLetter {
  id: string;
  subject: string;
  streamSeq: string | null;
  eventId: string | null;
  data: Buffer;
  reason: string;
  attempts: number;
  createdAt: Date;
  replayedAt: Date | null;
}

export interface DeadLetterDraft {
  subject: string;
  streamSeq?: number;
  eventId?: string;
  data: Uint8Array;
  reason: string;
  attempts: number;
}

/** Events a consumer could not handle, kept for an operator to read and replay. */
@Injectable()
export class DeadLetterService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(draft: DeadLetterDraft): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO dead_letter (subject, stream_seq, event_id, data, reason, attempts) VALUES ($1, $2, $3, $4, $5, $6)',
      [draft.subject, draft.streamSeq ?? null, draft.eventId ?? null, Buffer.from(draft.data), draft.reason, draft.attempts],
    );
  }

  async list(options: { includeReplayed?: boolean; limit?: number } = {}): Promise<DeadLetter[]> {
    const rows = await this.dataSource.query(
      `SELECT * FROM dead_letter WHERE ($1 OR replayed_at IS NULL) ORDER BY id DESC LIMIT $2`,
      [options.includeReplayed ?? false, options.limit ?? 100],
    );
    return rows.map(toDeadLetter);
  }

  async get(id: string): Promise<DeadLetter | undefined> {
    const rows = await this.dataSource.query('SELECT * FROM dead_letter WHERE id = $1', [id]);
    return rows.map(toDeadLetter)[0];
  }

  async markReplayed(id: string): Promise<void> {
    await this.dataSource.query('UPDATE dead_letter SET replayed_at = now() WHERE id = $1', [id]);
  }
}

function toDeadLetter(row: Record<string, any>): DeadLetter {
  return {
    id: String(row.id),
    subject: row.subject,
    streamSeq: row.stream_seq,
    eventId: row.event_id,
    data: row.data,
    reason: row.reason,
    attempts: row.attempts,
    createdAt: row.created_at,
    replayedAt: row.replayed_at,
  };
}
