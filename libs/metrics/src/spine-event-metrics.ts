import { Injectable, Provider } from '@nestjs/common';
import { InjectMetric, makeCounterProvider, makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import { Counter, Gauge } from 'prom-client';
import { SPINE_EVENT_COUNTERS, SpineEventCounters } from '@alur/messaging';
import { METRICS } from './metric-names';

const BY_EVENT = ['type', 'version'];

/**
 * The spine's event counters in Prometheus: what the outbox recorded, the relay published and the
 * consumer handled or failed, by event type and version; what the consumer received only to acknowledge
 * it unread; and the relay's drains with its pace. Counted in memory (a restart starts at zero;
 * Prometheus' rate() and increase() read through resets), beside the gauges read from the database.
 */
@Injectable()
export class SpineEventMetrics implements SpineEventCounters {
  constructor(
    @InjectMetric(METRICS.eventsRecorded) private readonly recordedTotal: Counter<string>,
    @InjectMetric(METRICS.eventsPublished) private readonly publishedTotal: Counter<string>,
    @InjectMetric(METRICS.eventsHandled) private readonly handledTotal: Counter<string>,
    @InjectMetric(METRICS.eventsFailed) private readonly failedTotal: Counter<string>,
    @InjectMetric(METRICS.eventsIgnored) private readonly ignoredTotal: Counter<string>,
    @InjectMetric(METRICS.outboxDrains) private readonly drainsTotal: Counter<string>,
    @InjectMetric(METRICS.outboxDrainSpacing) private readonly drainSpacing: Gauge<string>,
  ) {}

  recorded(type: string, version: number, count: number): void {
    this.recordedTotal.inc({ type, version }, count);
  }

  published(type: string, version: number): void {
    this.publishedTotal.inc({ type, version });
  }

  handled(type: string, version: number): void {
    this.handledTotal.inc({ type, version });
  }

  failed(type: string, version: string, outcome: 'retry' | 'waiting' | 'dead'): void {
    this.failedTotal.inc({ type, version, outcome });
  }

  ignored(): void {
    this.ignoredTotal.inc();
  }

  drained(spacingMs: number): void {
    this.drainsTotal.inc();
    this.drainSpacing.set(spacingMs / 1000);
  }
}

export const SPINE_EVENT_METRIC_PROVIDERS: Provider[] = [
  makeCounterProvider({
    name: METRICS.eventsRecorded,
    help: 'Events written to the outbox (counted when written, a rolled-back transaction included)',
    labelNames: BY_EVENT,
  }),
  makeCounterProvider({ name: METRICS.eventsPublished, help: 'Outbox events the relay published to JetStream', labelNames: BY_EVENT }),
  makeCounterProvider({ name: METRICS.eventsHandled, help: 'Received events whose handlers committed their effect', labelNames: BY_EVENT }),
  makeCounterProvider({
    name: METRICS.eventsFailed,
    help: 'Failed attempts to handle a received event, by outcome (retry, waiting, dead)',
    labelNames: [...BY_EVENT, 'outcome'],
  }),
  // Unlabelled: the subject of a message no handler takes says nothing an operator acts on, and could be anything.
  makeCounterProvider({
    name: METRICS.eventsIgnored,
    help: 'Received messages no handler of the service takes, acknowledged unread (a consumer filter on nats-server 2.9 covers more than it handles)',
  }),
  // Events per drain (published ÷ drains) and the pace say why commit→handled latency moves: the spacing
  // shortens as events come faster (DrainPace); at a lifecycle's rates it stays at its ceiling.
  makeCounterProvider({ name: METRICS.outboxDrains, help: 'Drains of the outbox relay (one transaction and one burst of publishes each)' }),
  makeGaugeProvider({
    name: METRICS.outboxDrainSpacing,
    help: 'Least time the outbox relay now leaves between drains (its pace; at most OUTBOX_DRAIN_SPACING_MS)',
  }),
  SpineEventMetrics,
  { provide: SPINE_EVENT_COUNTERS, useExisting: SpineEventMetrics },
];
