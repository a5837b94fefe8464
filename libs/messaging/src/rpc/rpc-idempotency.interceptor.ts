import { CallHandler, ExecutionContext, GatewayTimeoutException, Injectable, NestInterceptor } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { from, lastValueFrom, Observable } from 'rxjs';
import { IdempotentRequests, requestHashOf } from '@alur/database';
import type { RpcRequest } from './rpc-client';
import { rpcPatternOf } from './rpc-subject';

/**
 * What makes a request safe to retry, on the service that carries it out (after RpcCallerGuard has
 * set the meta from the gateway's assertion):
 * - past the gateway's deadline, the request is not started: its caller has already answered 504;
 * - with an Idempotency-Key, it is carried out once: the same key and data get the first answer
 *   again, the key is stored in the transaction of the change (see IdempotentRequests).
 */
@Injectable()
export class RpcIdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly idempotent: IdempotentRequests) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const request = context.switchToRpc().getData() as RpcRequest<unknown>;
    const pattern = rpcPatternOf(context.switchToRpc().getContext<NatsContext>().getSubject());
    const { deadline, idempotencyKey, actor } = request.meta;
    if (deadline !== undefined && Date.now() > deadline) {
      throw new GatewayTimeoutException(`The caller stopped waiting before ${pattern} could start; nothing was done`);
    }
    if (!idempotencyKey) return next.handle();
    const idempotent = {
      callerKey: actor?.userId ?? 'anonymous',
      key: idempotencyKey,
      operation: pattern,
      requestHash: requestHashOf(request.data),
    };
    return from(this.idempotent.run(idempotent, () => lastValueFrom(next.handle(), { defaultValue: undefined })));
  }
}
