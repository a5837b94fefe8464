import { DataSource } from 'typeorm';
import { outboxChannel } from './outbox-partition';

/**
 * Marks the events a service committed in [from, to) as unpublished, so that its relay publishes them
 * again in their original order. For recovery after JetStream lost acknowledged messages (a single
 * node flushes lazily); consumers' inboxes drop what they had already handled.
 */
export async function republishOutboxRange(dataSource: DataSource, schema: string, from: Date, to: Date): Promise<number> {
  if (!(from < to)) throw new Error('--from must be before --to');
  return dataSource.transaction(async (tx) => {
    const [, count] = await tx.query(
      `UPDATE outbox_event SET published_at = NULL WHERE created_at >= $1 AND created_at < $2 AND published_at IS NOT NULL`,
      [from, to],
    );
    await tx.query('SELECT pg_notify($1, $2)', [outboxChannel(schema), '']);
    return Number(count ?? 0);
  });
}
