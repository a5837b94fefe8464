import { Provider } from '@nestjs/common';
import { makeGaugeProvider } from '@willsoto/nestjs-prometheus';
import type { MetricProviderInject } from '@willsoto/nestjs-prometheus/dist/metrics/utils';
import { Gauge } from 'prom-client';

/** One value of a figure, with its labels when the figure has some. */
export interface FigureRow {
  labels?: Record<string, string>;
  value: number;
}

export interface FigureOptions<D extends unknown[]> {
  name: string;
  help: string;
  labelNames?: string[];
  inject: MetricProviderInject;
  /** Reads the figure's current values, e.g. with a count over the service's own tables. */
  read: (...deps: D) => Promise<FigureRow[]>;
}

/**
 * A gauge read afresh at every scrape from where the truth lives (the database, JetStream), rather
 * than counted in memory: replicas and restarts then agree, and nothing drifts.
 */
export function makeFigureProvider<D extends unknown[]>(options: FigureOptions<D>): Provider {
  const { read, ...gauge } = options;
  return makeGaugeProvider({
    ...gauge,
    async collect(this: Gauge, ...deps: unknown[]) {
      this.reset();
      try {
        for (const row of await read(...(deps as D))) {
          if (row.labels) this.set(row.labels, row.value);
          else this.set(row.value);
        }
      } catch {
        // Left empty: one figure that cannot be read (database down) must not fail the whole scrape;
        // the ServiceDown and absent() alerts see it.
      }
    },
  });
}
