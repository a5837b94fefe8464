/**
 * What the spine counts as events go through it, by event type and version (never by id, so the label
 * space stays as small as the contracts). libs/metrics provides the Prometheus counters; without it
 * (a CLI, a test module) nothing is counted. Implementations must be cheap: they run on every event.
 */
export interface SpineEventCounters {
  /** Events written to the outbox in the caller's transaction (counted when written, before commit). */
  recorded(type: string, version: number, count: number): void;
  /** Events the relay published to JetStream (a second publish JetStream dropped as duplicate included). */
  published(type: string, version: number): void;
  /** Events whose handlers committed their effect. */
  handled(type: string, version: number): void;
  /** Failed attempts to handle an event: retried, waiting for what comes by itself, or dead-lettered. */
  failed(type: string, version: string, outcome: 'retry' | 'waiting' | 'dead'): void;
  /**
   * A delivered message no handler of this service takes, acknowledged unread: on nats-server 2.9 a consumer
   * has one filter subject, which covers more than the service handles where its events span contexts.
   */
  ignored(): void;
  /** A relay drain ended; `spacingMs` is the least time the relay now leaves before the next (DrainPace). */
  drained(spacingMs: number): void;
}

export const SPINE_EVENT_COUNTERS = Symbol('SPINE_EVENT_COUNTERS');

/** `<context>.<name>.v<n>` split into type and version; what is not a versioned pattern counts as `other`. */
export function typeAndVersionOf(pattern: string): { type: string; version: string } {
  const match = /^(.+)\.v(\d+)$/.exec(pattern);
  return match ? { type: match[1], version: match[2] } : { type: 'other', version: '0' };
}
