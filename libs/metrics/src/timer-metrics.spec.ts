import { Counter, Histogram, Registry } from 'prom-client';
import { METRICS } from './metric-names';
import { TimerMetrics } from './timer-metrics';

describe('TimerMetrics', () => {
  const registry = new Registry();
  const scheduled = new Counter({ name: METRICS.timersScheduled, help: '-', labelNames: ['queue', 'job'], registers: [registry] });
  const fired = new Counter({ name: METRICS.timersFired, help: '-', labelNames: ['queue', 'job'], registers: [registry] });
  const lateness = new Histogram({
    name: METRICS.timerLateness,
    help: '-',
    labelNames: ['queue', 'job'],
    buckets: [1, 10],
    registers: [registry],
  });
  const metrics = new TimerMetrics(scheduled, fired, lateness);
  const sum = async () => (await lateness.get()).values.find((v) => v.metricName === `${METRICS.timerLateness}_sum`)?.value;

  beforeEach(() => registry.resetMetrics());

  it('measures lateness from when the job was added plus its delay', async () => {
    metrics.fired('q', { name: 'digest', timestamp: 1_000, delay: 4_000 }, undefined, 7_500);
    expect(await sum()).toBe(2.5);
    expect((await fired.get()).values).toEqual([{ labels: { queue: 'q', job: 'digest' }, value: 1 }]);
  });

  it('takes a due time the service knows better, and counts an early start as on time', async () => {
    metrics.fired('q', { name: 'deadline', timestamp: 0, delay: 0 }, 10_000, 12_000);
    metrics.fired('q', { name: 'deadline', timestamp: 0 }, 20_000, 19_000);
    expect(await sum()).toBe(2);
  });

  it('does not count a retried attempt as another firing', async () => {
    metrics.fired('q', { name: 'deadline', timestamp: 0, attemptsMade: 1 }, 0, 60_000);
    expect((await fired.get()).values).toEqual([]);
  });

  it('counts timers set by queue and job', async () => {
    metrics.scheduled('q', 'reminder-before', 3);
    metrics.scheduled('q', 'reminder-before', 0);
    expect((await scheduled.get()).values).toEqual([{ labels: { queue: 'q', job: 'reminder-before' }, value: 3 }]);
  });
});
