import { mib, round } from './bench-results';
import { memoryOf } from './proc-stats';
import { RunningSystem, Service, SERVICES } from './running-system';
import { sampleSum, scrapeInstance } from './service-metrics';

/** Resident set of each service (replica 1) and of the five together, in MiB. */
export type ServicesRss = Record<Service | 'total', number>;

/** Each service's RSS now, from /proc/<pid>/status as proc-stats reads it; 0 for a service that is gone. */
export function servicesRss(system: RunningSystem): ServicesRss {
  const rss = {} as ServicesRss;
  let total = 0;
  for (const service of SERVICES) {
    const bytes = memoryOf(system.pids[service])?.rssBytes ?? 0;
    rss[service] = mib(bytes);
    total += bytes;
  }
  rss.total = mib(total);
  return rss;
}

/** Where a service's memory is, from Node's own figures (prom-client's default metrics), in MiB. */
export interface HeapFigures {
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/**
 * Each service's V8 heap (used and reserved) and memory outside it (Buffers, native modules), read
 * from its /metrics: what of the RSS is JavaScript objects, what is V8's spare room, what is neither.
 * A service whose metrics do not answer is left out.
 */
export async function servicesHeap(system: RunningSystem): Promise<Partial<Record<Service, HeapFigures>>> {
  const figures: Partial<Record<Service, HeapFigures>> = {};
  await Promise.all(
    SERVICES.map(async (service) => {
      const instance = system.instances.find((i) => i.service === service && i.replica === 1)!;
      const body = await scrapeInstance(instance.port);
      if (!body) return;
      const gauge = (name: string) => mib(sampleSum(body, name));
      figures[service] = {
        heapUsed: gauge('nodejs_heap_size_used_bytes'),
        heapTotal: gauge('nodejs_heap_size_total_bytes'),
        external: gauge('nodejs_external_memory_bytes'),
      };
    }),
  );
  return figures;
}

export interface RssSample {
  /** Seconds since the load began. */
  atS: number;
  rss: ServicesRss;
}

export interface WindowFigures {
  fromS: number;
  toS: number;
  samples: number;
  meanMiB: number;
  maxMiB: number;
}

export interface RssGrowth {
  first: WindowFigures;
  last: WindowFigures;
  /** (last − first) / first, in percent, of the windows' means and of their maxima. */
  meanGrowthPercent: number;
  maxGrowthPercent: number;
  byService: Record<Service, { firstMeanMiB: number; lastMeanMiB: number; meanGrowthPercent: number }>;
}

/**
 * RSS growth across a soak, comparing like with like: the five services' total over the first
 * `windowS` after `warmUpS` against the last `windowS` of the samples, by mean (less noisy: one GC
 * cycle moves a single sample) and by maximum. Undefined when either window holds no sample.
 */
export function rssGrowth(samples: RssSample[], warmUpS: number, windowS: number): RssGrowth | undefined {
  if (samples.length === 0) return undefined;
  const endS = samples.at(-1)!.atS;
  const firstSamples = samples.filter((s) => s.atS >= warmUpS && s.atS < warmUpS + windowS);
  const lastSamples = samples.filter((s) => s.atS > endS - windowS);
  if (firstSamples.length === 0 || lastSamples.length === 0) return undefined;
  const mean = (of: RssSample[], key: Service | 'total') => of.reduce((sum, s) => sum + s.rss[key], 0) / of.length;
  const growth = (from: number, to: number) => (from > 0 ? round(((to - from) / from) * 100, 1) : 0);
  const figures = (of: RssSample[]): WindowFigures => ({
    fromS: of[0].atS,
    toS: of.at(-1)!.atS,
    samples: of.length,
    meanMiB: round(mean(of, 'total'), 1),
    maxMiB: Math.max(...of.map((s) => s.rss.total)),
  });
  const first = figures(firstSamples);
  const last = figures(lastSamples);
  const byService = {} as RssGrowth['byService'];
  for (const service of SERVICES) {
    const firstMean = mean(firstSamples, service);
    const lastMean = mean(lastSamples, service);
    byService[service] = {
      firstMeanMiB: round(firstMean, 1),
      lastMeanMiB: round(lastMean, 1),
      meanGrowthPercent: growth(firstMean, lastMean),
    };
  }
  return {
    first,
    last,
    meanGrowthPercent: growth(first.meanMiB, last.meanMiB),
    maxGrowthPercent: growth(first.maxMiB, last.maxMiB),
    byService,
  };
}
