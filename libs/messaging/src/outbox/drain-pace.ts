import { Inject, Injectable } from '@nestjs/common';
import { APP_ENV, BaseEnv } from '@alur/config';

/**
 * How many events a drain waits for: with the events of several changes, one drain (one commit, one burst
 * for the consumers) carries them; past this many, waiting longer saves little and only delays them.
 */
export const DRAIN_COMPANY = 8;
/** How much each drain's count weighs against those before it (an exponentially weighted rate). */
const DECAY = 0.5;
/** A gap between drains longer than this counts as this long: a quiet spell says the rate was low, not how low. */
const QUIET_MS = 1000;

/**
 * The time a relay leaves between two drains (and the service between two wake-ups it sends), from how
 * events have lately been drained: as long as DRAIN_COMPANY events take to come at their recent rate, but
 * not shorter than drains lately took, and never longer than OUTBOX_DRAIN_SPACING_MS. At a lifecycle's
 * rates (tens of events a second in a service) that is the ceiling, so changes a few ms apart share a
 * drain; at hundreds a second the company comes sooner and events no longer wait the whole ceiling for
 * it; on a machine too busy to drain quickly the drains stay long and carry many events each.
 * (bench:events paced at 640–840 events/s: p50 14–21 ms against 47–55, p99 60–94 against 101–116 with the
 * fixed 50 ms; saturated and bench:lifecycle unchanged within their noise.)
 */
@Injectable()
export class DrainPace {
  private readonly ceilingMs: number;
  private events = 0;
  private elapsedMs = 0;
  private drainingMs = 0;
  private current: number;

  constructor(@Inject(APP_ENV) env: Pick<BaseEnv, 'OUTBOX_DRAIN_SPACING_MS'>) {
    this.ceilingMs = env.OUTBOX_DRAIN_SPACING_MS;
    this.current = this.ceilingMs;
  }

  /** The least time between two drains now, in ms. */
  get spacingMs(): number {
    return this.current;
  }

  /** A drain published `events` events in `tookMs`; it started `sinceLastMs` after the drain before it. */
  drained(events: number, sinceLastMs: number, tookMs: number): void {
    this.events = this.events * DECAY + events;
    this.elapsedMs = this.elapsedMs * DECAY + Math.min(Math.max(sinceLastMs, 0), QUIET_MS);
    this.drainingMs = this.drainingMs * DECAY + (1 - DECAY) * Math.max(tookMs, 0);
    const perMs = this.elapsedMs > 0 ? this.events / this.elapsedMs : 0;
    const forCompany = perMs > 0 ? DRAIN_COMPANY / perMs : Infinity;
    // Nor shorter than drains lately took: a relay that drains half its time is on a busy machine, where
    // longer drains cost less CPU per event than the wait costs latency.
    this.current = Math.min(this.ceilingMs, Math.round(Math.max(forCompany, this.drainingMs)));
  }
}
