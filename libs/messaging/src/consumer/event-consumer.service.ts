import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { AckPolicy, ConsumerMessages, DeliverPolicy, JetStreamApiCodes, JetStreamApiError, JsMsg } from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { ClsService } from 'nestjs-cls';
import { DataSource } from 'typeorm';
import { z } from 'zod';
import { APP_ENV, BaseEnv, SERVICE_NAME } from '@alur/config';
import { EventContract, EventEnvelope, EventEnvelopeSchema } from '@alur/contracts';
import { DeadLetterService } from '../dead-letter/dead-letter.service';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from '../messaging.tokens';
import { NatsClients } from '../nats/nats-connection';
import { ensureEventStream } from '../nats/event-stream';
import { CLS_CORRELATION_ID } from '@alur/observability';
import { HEADER_AGGREGATE_ID } from '../outbox/outbox-relay.service';
import { ConcurrencyGate } from './concurrency-gate';
import { EventHandlerFn, HANDLE_EVENT } from './handle-event.decorator';
import { retryDelayMs } from './retry-policy';

interface RegisteredHandler {
  /** Identifies the handler in the inbox: `Class.method`. */
  key: string;
  contract: EventContract;
  fn: EventHandlerFn<EventContract>;
}

export type ParsedEvent = { ok: true; envelope: EventEnvelope } | { ok: false; reason: string };

/**
 * The service's durable JetStream consumer. Every `@HandleEvent` method is one handler. A message is
 * acknowledged only after the handler's transaction, which also records the event id in the inbox,
 * has committed. Events of one aggregate are handled one after another; different aggregates in parallel.
 */
@Injectable()
export class EventConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(EventConsumer.name);
  private readonly handlers = new Map<string, RegisteredHandler[]>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly gate: ConcurrencyGate;
  private messages?: ConsumerMessages;
  private loop?: Promise<void>;
  private stopped = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly nats: NatsClients,
    private readonly deadLetters: DeadLetterService,
    @Inject(APP_ENV) private readonly env: BaseEnv,
    @Inject(SERVICE_NAME) private readonly durableName: string,
    @Inject(MESSAGING_OPTIONS) private readonly options: MessagingModuleOptions,
    @Optional() private readonly cls?: ClsService,
  ) {
    this.gate = new ConcurrencyGate(env.CONSUMER_CONCURRENCY);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.discoverHandlers();
    if (this.handlers.size === 0) return;
    await this.ensureStreamAndConsumer();
    this.loop = this.consume();
    this.logger.log({ patterns: [...this.handlers.keys()] }, `Consuming ${this.env.NATS_STREAM} as ${this.durableName}`);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.messages?.stop();
    await this.loop;
    // Let handlers that already started finish and acknowledge, so a clean stop redelivers nothing.
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Parses and validates raw message data against the envelope and the handlers' contract. */
  parse(pattern: string, data: Uint8Array): ParsedEvent {
    const contract = this.handlers.get(pattern)?.[0]?.contract;
    if (!contract) return { ok: false, reason: `no handler for ${pattern}` };
    let raw: unknown;
    try {
      raw = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data));
    } catch (error) {
      return { ok: false, reason: `not JSON: ${(error as Error).message}` };
    }
    const envelope = EventEnvelopeSchema.safeParse(raw);
    if (!envelope.success) return { ok: false, reason: `envelope: ${describeIssues(envelope.error)}` };
    if (envelope.data.type !== contract.type || envelope.data.version !== contract.version) {
      return { ok: false, reason: `envelope: ${envelope.data.type} v${envelope.data.version} on the subject of ${contract.pattern}` };
    }
    const payload = contract.schema.safeParse(envelope.data.payload);
    if (!payload.success) return { ok: false, reason: `payload: ${describeIssues(payload.error)}` };
    return { ok: true, envelope: { ...envelope.data, payload: payload.data } };
  }

  /** Runs every handler of the event, each once: a handler whose inbox already holds the id is skipped. */
  async dispatch(pattern: string, envelope: EventEnvelope): Promise<void> {
    for (const handler of this.handlers.get(pattern) ?? []) {
      await this.dataSource.transaction(async (tx) => {
        const claimed = await tx.query(
          'INSERT INTO inbox_entry (event_id, handler) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1',
          [envelope.id, handler.key],
        );
        if (claimed.length === 0) return;
        await this.inEventContext(envelope, () => handler.fn(envelope, tx));
      });
    }
  }

  /** Handles a dead-lettered message again; throws with the reason if it still cannot be handled. */
  async replay(subject: string, data: Uint8Array): Promise<void> {
    const pattern = this.patternOf(subject);
    const parsed = this.parse(pattern, data);
    if (!parsed.ok) throw new Error(parsed.reason);
    await this.dispatch(pattern, parsed.envelope);
  }

  patternOf(subject: string): string {
    const prefix = `${this.env.NATS_SUBJECT_PREFIX}.`;
    return subject.startsWith(prefix) ? subject.slice(prefix.length) : subject;
  }

  private async consume(): Promise<void> {
    while (!this.stopped) {
      try {
        const consumer = await this.nats.js.consumers.get(this.env.NATS_STREAM, this.durableName);
        this.messages = await consumer.consume({ max_messages: Math.max(64, this.env.CONSUMER_CONCURRENCY * 2) });
        for await (const message of this.messages) {
          await this.gate.acquire();
          this.handleInAggregateOrder(message);
        }
      } catch (error) {
        // NATS restarted or the consumer vanished: unacknowledged messages come again, so just resume.
        this.logger.warn({ err: error }, 'Event consumer interrupted; resuming');
        if (this.stopped) return;
        await new Promise((resolve) => setTimeout(resolve, 1000));
        await this.ensureStreamAndConsumer().catch(() => undefined);
      }
    }
  }

  private handleInAggregateOrder(message: JsMsg): void {
    const key = message.headers?.get(HEADER_AGGREGATE_ID) || `seq:${message.seq}`;
    const previous = this.inFlight.get(key) ?? Promise.resolve();
    const current: Promise<void> = previous
      .then(() => this.handle(message))
      .catch((error) => this.logger.error({ err: error, subject: message.subject }, 'Event handling crashed'))
      .finally(() => {
        this.gate.release();
        if (this.inFlight.get(key) === current) this.inFlight.delete(key);
      });
    this.inFlight.set(key, current);
  }

  private async handle(message: JsMsg): Promise<void> {
    const pattern = this.patternOf(message.subject);
    if (!this.handlers.has(pattern)) {
      message.ack(); // not for this service
      return;
    }
    const parsed = this.parse(pattern, message.data);
    if (!parsed.ok) {
      // Retrying cannot fix a malformed event: dead-letter it at once and go on with the next.
      await this.deadLetter(message, parsed.reason);
      return;
    }
    try {
      await this.dispatch(pattern, parsed.envelope);
    } catch (error) {
      const attempts = message.info.deliveryCount;
      if (attempts >= this.env.CONSUMER_MAX_ATTEMPTS) {
        await this.deadLetter(message, `failed ${attempts} times: ${(error as Error).message}`, parsed.envelope.id);
      } else {
        const delay = retryDelayMs(attempts, this.env.CONSUMER_RETRY_BASE_MS);
        this.logger.warn({ err: error, eventId: parsed.envelope.id, attempts, retryInMs: delay }, 'Event handler failed');
        message.nak(delay);
      }
      return;
    }
    await this.options.faults?.afterCommitBeforeAck?.(parsed.envelope.id);
    message.ack();
  }

  private async deadLetter(message: JsMsg, reason: string, eventId?: string): Promise<void> {
    try {
      await this.deadLetters.record({
        subject: message.subject,
        streamSeq: message.seq,
        eventId: eventId ?? message.headers?.get('Nats-Msg-Id') ?? undefined,
        data: message.data,
        reason,
        attempts: message.info.deliveryCount,
      });
      this.logger.error({ subject: message.subject, streamSeq: message.seq, reason }, 'Event dead-lettered');
      message.term(reason.slice(0, 200));
    } catch (error) {
      // Without a dead-letter record the event must not be dropped: let JetStream deliver it again.
      this.logger.error({ err: error }, 'Could not dead-letter an event; it will be redelivered');
      message.nak(retryDelayMs(message.info.deliveryCount, this.env.CONSUMER_RETRY_BASE_MS));
    }
  }

  private inEventContext(envelope: EventEnvelope, fn: () => Promise<void>): Promise<void> {
    if (!this.cls) return fn();
    return this.cls.run(() => {
      // Events this handler records carry the same correlation id; their actor is the system.
      this.cls!.set(CLS_CORRELATION_ID, envelope.correlationId);
      return fn();
    });
  }

  private async ensureStreamAndConsumer(): Promise<void> {
    await ensureEventStream(this.nats.jsm, this.env.NATS_STREAM, this.env.NATS_SUBJECT_PREFIX);
    await this.ensureDurableConsumer();
  }

  private async ensureDurableConsumer(): Promise<void> {
    const config = {
      ack_wait: nanos(this.env.CONSUMER_ACK_WAIT_MS),
      max_ack_pending: this.env.CONSUMER_CONCURRENCY * 4,
    };
    try {
      await this.nats.jsm.consumers.info(this.env.NATS_STREAM, this.durableName);
      await this.nats.jsm.consumers.update(this.env.NATS_STREAM, this.durableName, config);
    } catch (error) {
      if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)) throw error;
      await this.nats.jsm.consumers.add(this.env.NATS_STREAM, {
        ...config,
        durable_name: this.durableName,
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        filter_subject: `${this.env.NATS_SUBJECT_PREFIX}.>`,
        // Attempts are counted here, so that the last one is dead-lettered rather than silently dropped.
        max_deliver: -1,
      });
    }
  }

  private discoverHandlers(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const contract = this.reflector.get<EventContract | undefined>(HANDLE_EVENT, prototype[method]);
        if (!contract) continue;
        const list = this.handlers.get(contract.pattern) ?? [];
        list.push({
          key: `${prototype.constructor.name}.${method}`,
          contract,
          fn: (prototype[method] as EventHandlerFn<EventContract>).bind(instance),
        });
        this.handlers.set(contract.pattern, list);
      }
    }
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
