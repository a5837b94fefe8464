import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { InjectMetric } from '@willsoto/nestjs-prometheus';
import { Histogram } from 'prom-client';
import { Observable, tap } from 'rxjs';
import { METRICS } from './metric-names';

/** Times each request/reply handler by its pattern (`proposals.proposal.submit`); HTTP is timed above. */
@Injectable()
export class RpcMetricsInterceptor implements NestInterceptor {
  constructor(@InjectMetric(METRICS.rpcHandlingDuration) private readonly histogram: Histogram<string>) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const subject = (context.switchToRpc().getContext() as { getSubject?: () => string }).getSubject?.() ?? 'unknown';
    // rpc.<prefix>.<pattern>: the prefix differs per installation and test, the pattern is what matters.
    const pattern = subject.replace(/^rpc\.[^.]+\./, '');
    const end = this.histogram.startTimer({ pattern });
    return next.handle().pipe(tap({ complete: () => end({ outcome: 'ok' }), error: () => end({ outcome: 'error' }) }));
  }
}
