import type { SpineFigures } from '@alur/contracts';
import { Inject, Injectable } from '@nestjs/common';
import { APP_ENV, BaseEnv, SERVICE_NAME } from '@alur/config';
import { EventConsumer } from './consumer/event-consumer.service';
import { InboundEventStore, InboundFigures } from './consumer/inbound-event.store';
import { NatsClients } from './nats/nats-connection';
import { OutboxRelay } from './outbox/outbox-relay.service';

/** The spine's figures: the contract's shape (`<service>.system.spine` answers them). */
export type { SpineFigures };

/** A consumer loop that has not run for this long (while NATS is up) has stopped. */
const STOPPED_AFTER_MS = 60_000;

/** The event spine's state in figures, for /health, /ops/spine and metrics. */
@Injectable()
export class SpineHealth {
  constructor(
    private readonly relay: OutboxRelay,
    private readonly consumer: EventConsumer,
    private readonly inbound: InboundEventStore,
    private readonly nats: NatsClients,
    @Inject(APP_ENV) private readonly env: BaseEnv,
    @Inject(SERVICE_NAME) private readonly durableName: string,
  ) {}

  async figures(): Promise<SpineFigures> {
    const reasons: string[] = [];
    const outbox = await this.relay.backlog();
    if (outbox.unpublished > 0 && outbox.oldestSeconds > this.env.HEALTH_OUTBOX_MAX_AGE_SECONDS) {
      reasons.push(`outbox not draining: ${outbox.unpublished} unpublished, oldest ${outbox.oldestSeconds} s`);
    }
    let consumer: SpineFigures['consumer'];
    let down = false;
    if (this.consumer.consumes) {
      const inbound = await this.inbound.figures();
      const info = await this.nats.jsm.consumers.info(this.env.NATS_STREAM, this.durableName).catch(() => undefined);
      const running = this.consumer.connected && info !== undefined;
      consumer = { ...inbound, running, undelivered: info?.num_pending ?? null, ackPending: info?.num_ack_pending ?? null };
      if (!info) reasons.push('durable consumer or stream missing');
      if (!running && Date.now() - this.consumer.lastHealthyAt > STOPPED_AFTER_MS) {
        reasons.push('event consumer stopped');
        down = true;
      }
      if (inbound.deadLetters > 0) {
        reasons.push(
          `${inbound.deadLetters} dead letter(s), ${inbound.parkedAggregates} aggregate(s) parked, ${inbound.heldBehindDeadLetters} event(s) held`,
        );
      }
      const lag = inbound.pending + (info?.num_pending ?? 0);
      if (lag > this.env.HEALTH_CONSUMER_MAX_LAG) reasons.push(`consumer lagging: ${lag} events not yet handled`);
    }
    return { state: down ? 'down' : reasons.length > 0 ? 'degraded' : 'ok', reasons, outbox, consumer };
  }
}
