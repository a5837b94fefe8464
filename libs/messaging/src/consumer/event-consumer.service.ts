import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap, Optional } from '@nestjs/common';
import { AckPolicy, ConsumerMessages, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { APP_ENV, BaseEnv, SERVICE_NAME } from '@alur/config';
import { traceCarrierOfHeaders } from '@alur/observability';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from '../messaging.tokens';
import { filtersOnSeveralSubjects, NatsClients } from '../nats/nats-connection';
import { ensureEventStream } from '../nats/event-stream';
import { HEADER_AGGREGATE_ID, HEADER_AGGREGATE_TYPE } from '../outbox/outbox-relay.service';
import { SPINE_EVENT_COUNTERS, SpineEventCounters, typeAndVersionOf } from '../spine-event-counters';
import { EventHandlerRegistry } from './event-handler-registry';
import { InboundDraft, InboundEventStore, StoredEvent } from './inbound-event.store';
import { InboundEventProcessor } from './inbound-event-processor.service';
import { retryDelayMs } from './retry-policy';
import { StreamCursor } from './stream-cursor';

/** JetStream notifications after which the bound consumer is gone and must be recreated. */
const CONSUMER_LOST = new Set(['consumer_deleted', 'consumer_not_found', 'stream_not_found']);
const BATCH = 256;

/**
 * The service's durable JetStream consumer, reduced to receiving: each message is stored in
 * `inbound_event` (or, if of no interest, not even parsed) and acknowledged once stored; what can take
 * effect at once is handled in the same transaction. Everything
 * that decides when an event takes effect — order per aggregate, waiting, retries, dead letters — is
 * then the InboundEventProcessor's, in PostgreSQL, the same on nats-server 2.9 and 2.10. If the stream
 * or the consumer disappears, they are recreated and the consumer resumes after what it had stored.
 */
@Injectable()
export class EventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopped = false;
  private received: JsMsg[] = [];
  private storing?: Promise<void>;
  /** When the receive loop last ran without an error; /health tells a consumer that stopped. */
  lastHealthyAt = Date.now();
  connected = false;

  constructor(
    private readonly registry: EventHandlerRegistry,
    private readonly store: InboundEventStore,
    private readonly processor: InboundEventProcessor,
    private readonly cursor: StreamCursor,
    private readonly nats: NatsClients,
    @Inject(APP_ENV) private readonly env: BaseEnv,
    @Inject(SERVICE_NAME) private readonly durableName: string,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Optional() @Inject(SPINE_EVENT_COUNTERS) private readonly counters?: SpineEventCounters,
  ) {}

  get consumes(): boolean {
    return !this.registry.isEmpty;
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.registry.isEmpty) return;
    await this.ensureStreamAndConsumer();
    this.loop = this.consume();
    // What was stored before a restart (received and acknowledged, not yet handled) is handled now.
    this.processor.wake();
    this.logger.log({ patterns: this.registry.patterns }, `Consuming ${this.env.NATS_STREAM} as ${this.durableName}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.messages?.stop();
    await this.loop;
    // What was received is stored and acknowledged, so a clean stop redelivers nothing.
    await this.storing;
  }

  private async consume(): Promise<void> {
    while (!this.stopped) {
      try {
        const consumer = await this.nats.js.consumers.get(this.env.NATS_STREAM, this.durableName);
        const messages = await consumer.consume({ max_messages: BATCH * 2 });
        this.messages = messages;
        this.connected = true;
        void this.watch(messages);
        for await (const message of messages) {
          this.lastHealthyAt = Date.now();
          this.received.push(message);
          this.storing ??= this.storeReceived();
          // Back-pressure: do not pull further ahead of the database than a couple of batches.
          if (this.received.length >= BATCH * 2) await this.storing;
        }
        await this.storing;
      } catch (error) {
        this.logger.warn({ err: error }, 'Event consumer interrupted; resuming');
      }
      this.connected = false;
      if (this.stopped) return;
      // NATS restarted, or the stream or consumer vanished: recreate what is missing and go on.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await this.ensureStreamAndConsumer().catch((error) => this.logger.warn({ err: error }, 'Cannot recreate the stream or consumer yet'));
    }
  }

  /** Ends the current consume() when JetStream says the consumer or stream is gone, so the loop recreates them. */
  private async watch(messages: ConsumerMessages): Promise<void> {
    for await (const status of messages.status()) {
      if (CONSUMER_LOST.has(status.type)) {
        this.logger.warn({ status: status.type }, 'Durable consumer lost');
        messages.stop();
        return;
      }
    }
  }

  /** Stores what was received, in delivery order, a batch per statement; retries until the database takes it. */
  private async storeReceived(): Promise<void> {
    try {
      while (this.received.length > 0) {
        const batch = this.received.splice(0, BATCH);
        const drafts = batch.map((m) => this.draftOf(m)).filter((d): d is InboundDraft => d !== undefined);
        let stored: StoredEvent[] | undefined;
        const follows = this.followsOn(batch);
        for (let attempt = 1; ; attempt++) {
          try {
            // Events that can take effect at once do so in the transaction that stores them (see storeAndHandle).
            const inserted = await this.processor.storeAndHandle(drafts, follows && attempt === 1);
            // After a failed attempt the rows may have been stored by it after all: the processor looks them up.
            stored = attempt === 1 ? inserted : undefined;
            break;
          } catch (error) {
            if (this.stopped) return; // unacknowledged: JetStream delivers them again
            this.logger.warn({ err: error, attempt }, 'Storing received events failed; retrying');
            for (const m of batch) m.working();
            await new Promise((resolve) => setTimeout(resolve, retryDelayMs(attempt, 200)));
          }
        }
        this.countDeadOnArrival(drafts);
        await this.options.faults?.afterReceivedBeforeAck?.(drafts.map((d) => d.eventId));
        // Acks go out in order on one connection: once the last is confirmed, the ack floor covers the batch.
        for (const m of batch.slice(0, -1)) m.ack();
        const last = batch[batch.length - 1]!;
        const confirmed = await last.ackAck().catch(() => false);
        if (follows && confirmed) this.cursor.advance(this.cursor.streamCreated!, last.seq, last.info.deliverySequence);
        if (stored) this.processor.stored(stored);
        else if (drafts.length > 0) this.processor.wake();
      }
    } finally {
      this.storing = undefined;
    }
  }

  /**
   * Whether, as last known, the ack floor is just below this batch and the batch has no gap, counted in the
   * consumer's delivery sequence (a redelivery is a gap): every message delivered before it, to any replica,
   * is then stored, so its events may take effect at once, and once its acks are confirmed the floor covers
   * it and the cursor can say so without asking NATS.
   */
  private followsOn(batch: JsMsg[]): boolean {
    const delivery = (i: number) => batch[i]!.info.deliverySequence;
    for (let i = 1; i < batch.length; i++) if (delivery(i) !== delivery(i - 1) + 1) return false;
    const known = this.cursor.known();
    const created = this.cursor.streamCreated;
    return (
      known !== undefined &&
      created !== undefined &&
      known.created.getTime() === created.getTime() &&
      delivery(0) === known.deliveryFloor + 1
    );
  }

  /** A malformed event or an unknown version is dead as it is stored, without an attempt to handle it. */
  private countDeadOnArrival(drafts: InboundDraft[]): void {
    if (!this.counters) return;
    for (const draft of drafts) {
      if (!draft.deadReason) continue;
      const { type, version } = typeAndVersionOf(this.registry.patternOf(draft.subject));
      this.counters.failed(type, version, 'dead');
    }
  }

  /** The row for a message, or undefined for an event this service has no handler for. */
  private draftOf(message: JsMsg): InboundDraft | undefined {
    const verdict = this.registry.judge(message.subject);
    if (verdict.kind === 'ignored') {
      this.counters?.ignored();
      return undefined;
    }
    const typeOnSubject = verdict.kind === 'handled' ? this.registry.aggregateTypeOf(verdict.pattern) : undefined;
    const fromHeaders = {
      id: message.headers?.get('Nats-Msg-Id') || null,
      aggregate: aggregateKeyOf(message.headers?.get(HEADER_AGGREGATE_TYPE) || typeOnSubject, message.headers?.get(HEADER_AGGREGATE_ID)),
    };
    const draft: InboundDraft = {
      dedupeKey: fromHeaders.id ?? `seq:${message.info.stream}:${message.seq}`,
      eventId: fromHeaders.id,
      subject: message.subject,
      // Without an aggregate the message is its own queue: it holds up nothing else.
      aggregateKey: fromHeaders.aggregate ?? `seq:${message.seq}`,
      streamCreated: this.cursor.streamCreated!,
      streamSeq: message.seq,
      data: message.data,
      // Kept with the row: the handler runs later, perhaps in another replica, and continues the trace from it.
      traceContext: traceCarrierOfHeaders(message.headers),
    };
    if (verdict.kind === 'unknown-version') return { ...draft, deadReason: verdict.reason };
    const parsed = this.registry.parse(verdict.pattern, message.data);
    // Retrying cannot fix a malformed event: it is dead on arrival and parks its aggregate if it names one.
    if (!parsed.ok) {
      const aggregate = parsed.aggregate ? aggregateKeyOf(parsed.aggregate.type, parsed.aggregate.id) : undefined;
      return { ...draft, ...(aggregate ? { aggregateKey: aggregate } : {}), deadReason: parsed.reason };
    }
    const { envelope } = parsed;
    return {
      ...draft,
      dedupeKey: envelope.id,
      eventId: envelope.id,
      aggregateKey: aggregateKeyOf(envelope.aggregateType, envelope.aggregateId)!,
      envelope,
    };
  }

  private async ensureStreamAndConsumer(): Promise<void> {
    await ensureEventStream(this.nats.jsm, this.env.NATS_STREAM, this.env.NATS_SUBJECT_PREFIX);
    const stream = await this.nats.jsm.streams.info(this.env.NATS_STREAM);
    this.cursor.streamCreated = new Date(stream.created);
    await this.ensureDurableConsumer(this.cursor.streamCreated);
    // A recreated consumer counts its deliveries from 1 again: what the cursor knew of the old one must go.
    await this.cursor.position();
  }

  /**
   * nats-server 2.10 filters a consumer on several subjects: the service then receives only the event types
   * it handles. 2.9 allows one filter: the narrowest that covers them all (one context's events, where the
   * service handles no other), and the service drops the rest unread.
   */
  private subjectFilter(): { filter_subject?: string; filter_subjects?: string[] } {
    // The other key is cleared explicitly: an update merges into the consumer's existing configuration.
    return filtersOnSeveralSubjects(this.nats.nc)
      ? { filter_subject: undefined, filter_subjects: this.registry.typeSubjects }
      : { filter_subject: this.registry.coveringSubject, filter_subjects: undefined };
  }

  private async ensureDurableConsumer(streamCreated: Date): Promise<void> {
    const config = {
      ack_wait: nanos(this.env.CONSUMER_ACK_WAIT_MS),
      max_ack_pending: BATCH * 4,
      ...this.subjectFilter(),
    };
    try {
      await this.nats.jsm.consumers.info(this.env.NATS_STREAM, this.durableName);
      await this.nats.jsm.consumers.update(this.env.NATS_STREAM, this.durableName, config);
      return;
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
    }
    // A consumer recreated on a stream this service had read resumes after what it stored, not from the start.
    const lastStored = await this.store.lastReceivedSeq(streamCreated);
    const resume =
      lastStored > 0
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: lastStored + 1 }
        : { deliver_policy: DeliverPolicy.All };
    try {
      await this.nats.jsm.consumers.add(this.env.NATS_STREAM, {
        ...config,
        ...resume,
        durable_name: this.durableName,
        ack_policy: AckPolicy.Explicit,
        // Attempts are counted in inbound_event; JetStream only redelivers what was never stored.
        max_deliver: -1,
      });
      this.logger.warn({ ...resume }, 'Durable consumer created');
    } catch (error) {
      // Another replica created it at the same moment.
      if (!(error instanceof JetStreamApiError && /already in use|already exists/i.test(error.message))) throw error;
    }
  }
}

function aggregateKeyOf(type: string | undefined | null, id: string | undefined | null): string | undefined {
  return type && id ? `${type}:${id}` : undefined;
}
