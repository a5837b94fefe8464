import { sleep } from './bench-results';
import { RegencyPeople } from './regency-people';

export interface DriveOptions {
  /** The first lifecycle's number: villages are taken in turn from it. */
  from: number;
  /** Lifecycles in flight at once: BKMs waiting for their first tranche. */
  concurrency: number;
  /** The BKMs start over this long rather than all in the same second. */
  rampMs: number;
  timeoutMs: number;
  /** Stop after this many lifecycles… */
  count?: number;
  /** …or start no new one after this time (ms since the epoch): a soak's duration. */
  until?: number;
  /** Called as each lifecycle ends, with how many have ended so far. */
  onFinished?: (finished: number) => void;
}

/**
 * Drives lifecycles n = from, from+1, … with at most `concurrency` in flight, each BKM starting the next
 * as soon as its last one ended, until `count` have started or `until` has passed. Returns the number
 * driven.
 */
export async function runLifecycles(people: RegencyPeople, options: DriveOptions): Promise<number> {
  const { from, concurrency, rampMs, timeoutMs, count = Infinity, until = Infinity } = options;
  let next = from;
  let finished = 0;
  const more = () => next < from + count && Date.now() < until;
  const worker = async () => {
    while (more()) {
      const n = next++;
      await people.runLifecycle(people.villages[n % people.villages.length], n, timeoutMs);
      options.onFinished?.(++finished);
    }
  };
  const workers = Math.min(concurrency, count);
  await Promise.all(Array.from({ length: workers }, (_, i) => sleep((i * rampMs) / workers).then(worker)));
  return next - from;
}
