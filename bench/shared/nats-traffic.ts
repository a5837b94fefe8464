import { NatsConnection, Subscription } from '@nats-io/transport-node';
import { outboxWakeSubject, rpcSubject } from '@alur/messaging';

/** What a NATS message is for, as far as its subject tells. */
export const NATS_TRAFFIC_KINDS = ['events', 'acks', 'replies', 'rpc', 'wakeUps', 'pulls', 'jetStreamApi', 'other'] as const;
export type NatsTrafficKind = (typeof NATS_TRAFFIC_KINDS)[number];

/** The run whose messages are counted: its subject prefix and its stream. */
export interface CountedSystem {
  subjectPrefix: string;
  stream: string;
}

/**
 * The kind of a message seen on `subject`, or undefined when it is none of this system's (another run's
 * events, acks of another stream). JetStream delivers an event to a consumer on the event's own subject,
 * so `events` counts each publish and each delivery. Replies go to inboxes, which name no system: every
 * reply on the server counts.
 */
export function natsTrafficKindOf(subject: string, system: CountedSystem): NatsTrafficKind | undefined {
  if (subject.startsWith(`${system.subjectPrefix}.`)) return 'events';
  if (subject.startsWith('_INBOX.')) return 'replies';
  if (subject.startsWith('$JS.ACK.')) return subject.split('.')[2] === system.stream ? 'acks' : undefined;
  if (subject.startsWith('$JS.API.CONSUMER.MSG.NEXT.')) return subject.split('.')[5] === system.stream ? 'pulls' : undefined;
  if (subject.startsWith('$JS.')) return 'jetStreamApi';
  // The services' own subject builders, with the part after the run's prefix left empty.
  if (subject.startsWith(rpcSubject(system.subjectPrefix, ''))) return 'rpc';
  if (subject.startsWith(outboxWakeSubject(system.subjectPrefix, ''))) return 'wakeUps';
  return subject.split('.')[1] === system.subjectPrefix ? 'other' : undefined;
}

/**
 * Counts the system's NATS messages by kind, from a subscriber to every subject (`>`). The server then
 * sends each message once more, to this subscriber, which adds to its own CPU: the bench counts only
 * when asked (BENCH_NATS_TRAFFIC=1).
 */
export class NatsTrafficCounter {
  private readonly counts = Object.fromEntries(NATS_TRAFFIC_KINDS.map((kind) => [kind, 0])) as Record<NatsTrafficKind, number>;
  private readonly subscription: Subscription;

  private constructor(nc: NatsConnection, system: CountedSystem) {
    this.subscription = nc.subscribe('>', {
      callback: (error, message) => {
        if (error) return;
        const kind = natsTrafficKindOf(message.subject, system);
        if (kind) this.counts[kind]++;
      },
    });
  }

  /** Counting starts once the server has the subscription. */
  static async start(nc: NatsConnection, system: CountedSystem): Promise<NatsTrafficCounter> {
    const counter = new NatsTrafficCounter(nc, system);
    await nc.flush();
    return counter;
  }

  snapshot(): Record<NatsTrafficKind, number> {
    return { ...this.counts };
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}
