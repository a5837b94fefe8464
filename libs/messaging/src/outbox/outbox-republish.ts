import { DataSource } from 'typeorm';
import { NatsClients } from '../nats/nats-connection';
import { outboxWakeSubject } from './outbox-partition';

/**
 * Marks the events a service's relay published in [from, to) as unpublished, so that it publishes them
 * again in their original order. For recovery after JetStream lost acknowledged messages (a single
 * node flushes lazily) or after PostgreSQL was restored; consumers' inboxes drop what they had already
 * handled. By publication, not commit, time: what JetStream lost is what it took in that range, and an
 * event committed earlier (while NATS was away, say) may have gone out only then.
 */
export async function republishOutboxRange(dataSource: DataSource, from: Date, to: Date): Promise<number> {
  if (!(from < to)) throw new Error('--from must be before --to');
  const [, count] = await dataSource.query(`UPDATE outbox_event SET published_at = NULL WHERE published_at >= $1 AND published_at < $2`, [
    from,
    to,
  ]);
  return Number(count ?? 0);
}

/** Tells a service's running relays that its outbox has events to publish (they would otherwise find them at their next poll). */
export async function wakeOutboxRelays(nats: NatsClients, subjectPrefix: string, service: string): Promise<void> {
  nats.nc.publish(outboxWakeSubject(subjectPrefix, service));
  await nats.nc.flush();
}
