import { Inject, Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { APP_ENV, BaseEnv, SERVICE_NAME } from '@alur/config';
import { AfterCommit } from '@alur/database';
import { NatsClients } from '../nats/nats-connection';
import { DrainPace } from './drain-pace';
import { outboxWakeSubject } from './outbox-partition';

/**
 * Wakes the service's relays once a transaction that recorded events has committed: a message on the
 * core NATS subject `outbox.<prefix>.<service>`. The first commit after a quiet spell sends it at once;
 * later ones at most one per drain spacing (DrainPace: OUTBOX_DRAIN_SPACING_MS, shorter when events come
 * fast), as a relay starts no more drains than that anyway (each commit is still followed by a message
 * sent after it).
 *
 * Not a NOTIFY in the transaction: PostgreSQL lets one transaction holding a NOTIFY commit at a time (it
 * keeps a database-wide lock from queueing the notification until its commit is flushed), so those
 * commits could not share a WAL flush. Measured with pgbench, 32 clients each inserting a row: 4,549
 * transactions/s without the NOTIFY, 1,545 with it. A wake-up that never comes (the process died between
 * its commit and the message, or NATS was away) delays the events until the relay's poll; it loses nothing,
 * as the outbox row is committed.
 */
@Injectable()
export class OutboxWake {
  private readonly logger = new Logger(OutboxWake.name);
  readonly subject: string;
  private scheduled = false;
  private lastSentAt = 0;

  constructor(
    private readonly afterCommit: AfterCommit,
    private readonly nats: NatsClients,
    @Inject(APP_ENV) env: BaseEnv,
    @Inject(SERVICE_NAME) service: string,
    private readonly pace: DrainPace,
  ) {
    this.subject = outboxWakeSubject(env.NATS_SUBJECT_PREFIX, service);
  }

  /** Called inside a transaction that recorded events: its commit is to wake the relays (a savepoint rolled back takes its call with it). */
  recordedIn(tx: EntityManager): void {
    this.afterCommit.run(tx, async () => this.wakeRelays());
  }

  private wakeRelays(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    const send = () => {
      this.scheduled = false;
      this.lastSentAt = Date.now();
      try {
        // While NATS is away the client buffers the message and sends it on reconnecting.
        if (!this.nats.nc.isClosed()) this.nats.nc.publish(this.subject);
      } catch (error) {
        this.logger.warn({ err: error }, 'Could not wake the outbox relays; their poll will find the events');
      }
    };
    const wait = this.lastSentAt + this.pace.spacingMs - Date.now();
    if (wait > 0) setTimeout(send, wait);
    else setImmediate(send);
  }
}
