import { RssSample, rssGrowth } from './service-memory';

/** A sample where every service holds a fifth of `total`. */
const sample = (atS: number, total: number): RssSample => ({
  atS,
  rss: { proposals: total / 5, approvals: total / 5, disbursements: total / 5, notifications: total / 5, gateway: total / 5, total },
});

describe('rssGrowth', () => {
  it('compares the first window after the warm-up with the last window, by mean and by maximum', () => {
    // Warm-up (0–59 s) climbs from 500 MiB; then 800/900 for the first minute, 880/1000 for the last.
    const samples = [
      sample(0, 500),
      sample(30, 700),
      sample(60, 800),
      sample(90, 900),
      sample(120, 850),
      sample(150, 880),
      sample(180, 1000),
    ];

    const growth = rssGrowth(samples, 60, 60)!;

    expect(growth.first).toEqual({ fromS: 60, toS: 90, samples: 2, meanMiB: 850, maxMiB: 900 });
    expect(growth.last).toEqual({ fromS: 150, toS: 180, samples: 2, meanMiB: 940, maxMiB: 1000 });
    expect(growth.meanGrowthPercent).toBe(10.6);
    expect(growth.maxGrowthPercent).toBe(11.1);
    expect(growth.byService.gateway).toEqual({ firstMeanMiB: 170, lastMeanMiB: 188, meanGrowthPercent: 10.6 });
  });

  it('reports a shrinking RSS as negative growth (1000 → 850 MiB on average)', () => {
    const growth = rssGrowth([sample(0, 1000), sample(10, 1000), sample(20, 900), sample(30, 800)], 0, 15)!;

    expect(growth.meanGrowthPercent).toBe(-15);
  });

  it('gives no figure when the run ended before a window after the warm-up was sampled', () => {
    expect(rssGrowth([sample(0, 500), sample(30, 600)], 60, 60)).toBeUndefined();
    expect(rssGrowth([], 0, 60)).toBeUndefined();
  });
});
