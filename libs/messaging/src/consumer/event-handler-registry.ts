import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { z } from 'zod';
import { APP_ENV, BaseEnv } from '@alur/config';
import { EventContract, EventEnvelope, EventEnvelopeSchema } from '@alur/contracts';
import { EventHandlerFn, HANDLE_EVENT } from './handle-event.decorator';

/** Refuses bytes that are not UTF-8 instead of replacing them; stateless between calls, so one serves every message. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

export interface RegisteredHandler {
  /** Identifies the handler in logs: `Class.method`. */
  key: string;
  contract: EventContract;
  fn: EventHandlerFn<EventContract>;
}

export type ParsedEvent =
  | { ok: true; envelope: EventEnvelope }
  /** `aggregate` is known when the envelope was sound and only its payload was not. */
  | { ok: false; reason: string; aggregate?: { type: string; id: string } };

/** What the consumer should do with a message, judged from its subject alone (no parsing). */
export type SubjectVerdict = { kind: 'handled'; pattern: string } | { kind: 'ignored' } | { kind: 'unknown-version'; reason: string };

/**
 * The service's `@HandleEvent` methods, found once at start-up, and the checks every received event
 * passes before a handler sees it: JSON, the envelope, the contract's type, version and payload.
 */
@Injectable()
export class EventHandlerRegistry implements OnModuleInit {
  private readonly byPattern = new Map<string, RegisteredHandler[]>();
  /** Versions handled per event type, to tell an unknown version of a handled type from an event of no interest. */
  private readonly versionsByType = new Map<string, number[]>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @Inject(APP_ENV) private readonly env: BaseEnv,
  ) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const prototype = Object.getPrototypeOf(instance);
      for (const method of this.scanner.getAllMethodNames(prototype)) {
        const contract = this.reflector.get<EventContract | undefined>(HANDLE_EVENT, prototype[method]);
        if (!contract) continue;
        const list = this.byPattern.get(contract.pattern) ?? [];
        list.push({
          key: `${prototype.constructor.name}.${method}`,
          contract,
          fn: (prototype[method] as EventHandlerFn<EventContract>).bind(instance),
        });
        this.byPattern.set(contract.pattern, list);
        const versions = this.versionsByType.get(contract.type) ?? [];
        if (!versions.includes(contract.version)) versions.push(contract.version);
        this.versionsByType.set(contract.type, versions);
      }
    }
  }

  get isEmpty(): boolean {
    return this.byPattern.size === 0;
  }

  get patterns(): string[] {
    return [...this.byPattern.keys()];
  }

  /** The handled event types, each with any version, so that an unknown version still arrives and is dead-lettered. */
  get typeSubjects(): string[] {
    return [...this.versionsByType.keys()].map((type) => `${this.env.NATS_SUBJECT_PREFIX}.${type}.*`);
  }

  /**
   * The narrowest single filter that covers every handled type, for nats-server 2.9 (one filter subject per
   * consumer): their longest common run of tokens, e.g. `alur.proposals.>` for a service that handles only
   * the proposals context's events, so that it is not sent the others only to acknowledge them unread.
   */
  get coveringSubject(): string {
    return coveringSubjectOf(this.typeSubjects);
  }

  /** The aggregate type of the events on a handled subject, e.g. `proposal`. */
  aggregateTypeOf(pattern: string): string | undefined {
    return this.byPattern.get(pattern)?.[0]?.contract.aggregateType;
  }

  handlersOf(pattern: string): RegisteredHandler[] {
    return this.byPattern.get(pattern) ?? [];
  }

  patternOf(subject: string): string {
    const prefix = `${this.env.NATS_SUBJECT_PREFIX}.`;
    return subject.startsWith(prefix) ? subject.slice(prefix.length) : subject;
  }

  /**
   * Events of no interest are acknowledged without being read. A version this service does not know of a
   * type it handles is never dropped: a producer moved ahead of this consumer, and an operator must see it.
   */
  judge(subject: string): SubjectVerdict {
    const pattern = this.patternOf(subject);
    if (this.byPattern.has(pattern)) return { kind: 'handled', pattern };
    const match = /^(.+)\.v(\d+)$/.exec(pattern);
    const known = match ? this.versionsByType.get(match[1]) : undefined;
    if (!match || !known) return { kind: 'ignored' };
    return { kind: 'unknown-version', reason: `unknown version v${match[2]} of ${match[1]}: this service handles v${known.join(', v')}` };
  }

  /** Parses and validates raw message data against the envelope and the handlers' contract. */
  parse(pattern: string, data: Uint8Array): ParsedEvent {
    const contract = this.byPattern.get(pattern)?.[0]?.contract;
    if (!contract) return { ok: false, reason: `no handler for ${pattern}` };
    let raw: unknown;
    try {
      raw = JSON.parse(UTF8.decode(data));
    } catch (error) {
      return { ok: false, reason: `not JSON: ${(error as Error).message}` };
    }
    const envelope = EventEnvelopeSchema.safeParse(raw);
    if (!envelope.success) return { ok: false, reason: `envelope: ${describeIssues(envelope.error)}` };
    const aggregate = { type: envelope.data.aggregateType, id: envelope.data.aggregateId };
    if (envelope.data.type !== contract.type || envelope.data.version !== contract.version) {
      return {
        ok: false,
        reason: `envelope: ${envelope.data.type} v${envelope.data.version} on the subject of ${contract.pattern}`,
        aggregate,
      };
    }
    const payload = contract.schema.safeParse(envelope.data.payload);
    if (!payload.success) return { ok: false, reason: `payload: ${describeIssues(payload.error)}`, aggregate };
    return { ok: true, envelope: { ...envelope.data, payload: payload.data } };
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}

/**
 * The narrowest subject that covers every one of `subjects` (each ending in its version wildcard): the one
 * subject itself, or their longest common run of tokens followed by `>`.
 */
export function coveringSubjectOf(subjects: readonly string[]): string {
  const tokenised = subjects.map((subject) => subject.split('.'));
  if (tokenised.length === 1) return subjects[0]!;
  const [first = []] = tokenised;
  let common = 0;
  // The last token is a type's version wildcard: the covering subject ends in `>` instead.
  while (common < first.length - 1 && tokenised.every((tokens) => common < tokens.length - 1 && tokens[common] === first[common])) common++;
  return [...first.slice(0, common), '>'].join('.');
}
