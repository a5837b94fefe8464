import { sampleSum } from './service-metrics';

describe('sampleSum', () => {
  const exposition = [
    '# HELP alur_outbox_drains_total Drains of the outbox relay',
    '# TYPE alur_outbox_drains_total counter',
    'alur_outbox_drains_total{service="approvals"} 8',
    'alur_outbox_drains_total{service="approvals",replica="2"} 5',
    'alur_outbox_drains_total_extra{service="approvals"} 100',
    'nodejs_heap_size_used_bytes 1048576',
  ].join('\n');

  it('adds the samples of every label set of the metric, and only of that metric', () => {
    expect(sampleSum(exposition, 'alur_outbox_drains_total')).toBe(13);
  });

  it('reads a sample without labels', () => {
    expect(sampleSum(exposition, 'nodejs_heap_size_used_bytes')).toBe(1048576);
  });

  it('is 0 for a metric the exposition does not have (a service without a relay)', () => {
    expect(sampleSum(exposition, 'alur_outbox_drain_spacing_seconds')).toBe(0);
  });
});
