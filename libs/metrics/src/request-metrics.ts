import { Injectable } from '@nestjs/common';
import { InjectMetric, makeHistogramProvider } from '@willsoto/nestjs-prometheus';
import type { NextFunction, Request, Response } from 'express';
import { Histogram } from 'prom-client';
import { METRICS } from './metric-names';

/** From a 5 ms cache hit to a 10 s timeout, in seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export const REQUEST_METRIC_PROVIDERS = [
  makeHistogramProvider({
    name: METRICS.httpRequestDuration,
    help: 'HTTP requests by route pattern and status',
    labelNames: ['method', 'route', 'status'],
    buckets: LATENCY_BUCKETS,
  }),
  makeHistogramProvider({
    name: METRICS.rpcHandlingDuration,
    help: 'NATS request/reply handling by pattern and outcome',
    labelNames: ['pattern', 'outcome'],
    buckets: LATENCY_BUCKETS,
  }),
];

/**
 * Times every HTTP request by its route pattern (`/api/v1/proposals/:id`), never the raw path, so that
 * ids do not explode the label space; what no route matched (static files, 404s) counts as `other`.
 */
@Injectable()
export class HttpRequestMetrics {
  constructor(@InjectMetric(METRICS.httpRequestDuration) private readonly histogram: Histogram<string>) {}

  readonly middleware = (req: Request, res: Response, next: NextFunction): void => {
    const end = this.histogram.startTimer();
    res.once('finish', () => {
      const route = (req.route as { path?: string } | undefined)?.path;
      end({ method: req.method, route: route ? `${req.baseUrl}${route}` : 'other', status: String(res.statusCode) });
    });
    next();
  };
}
