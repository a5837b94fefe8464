import { DataSource } from 'typeorm';
import { NatsClients } from '../nats/nats-connection';
import { outboxWakeSubject } from './outbox-partition';

/**
 * Marks the events a service committed in [from, to) as unpublished, so that its relay publishes them
 * again in their original order. For recovery after JetStream lost acknowledged messages (a single
 * node flushes lazily); consumers' inboxes drop what they had already handled.
 */
export async function republishOutboxRange(dataSource: DataSource, from: Date, to: Date): Promise<number> {
  if (!(from < to)) throw new Error('--from must be before --to');
  const [, count] = await dataSource.query(
    `UPDATE outbox_event SET published_at = NULL WHERE created_at >= $1 AND created_at < $2 AND published_at IS NOT NULL`,
    [from, to],
  );
  return Number(count ?? 0);
}

/** Tells a service's running relays that its outbox has events to publish (they would otherwise find them at their next poll). */
export async function wakeOutboxRelays(nats: NatsClients, subjectPrefix: string, service: string): Promise<void> {
  nats.nc.publish(outboxWakeSubject(subjectPrefix, service));
  await nats.nc.flush();
}
