import { CanActivate, ExecutionContext, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { NatsContext } from '@nestjs/microservices';
import { KeyObject } from 'node:crypto';
import { APP_ENV, BaseEnv } from '@alur/config';
import { CallerAssertionError, callerAssertionKey, verifiedCallerOf } from './caller-assertion';
import type { RpcRequest } from './rpc-client';

/**
 * Every request a service answers must carry the gateway's signed assertion of the caller, made
 * for that subject and data moments ago. The verified caller replaces whatever `meta.actor` said,
 * so `actorOf` and the request context only ever see a caller the gateway vouched for.
 */
@Injectable()
export class RpcCallerGuard implements CanActivate {
  private readonly key: KeyObject;

  constructor(@Inject(APP_ENV) env: BaseEnv) {
    this.key = callerAssertionKey(env);
  }

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'rpc') return true;
    const rpc = context.switchToRpc();
    const request = rpc.getData() as RpcRequest<unknown> | undefined;
    const subject = (rpc.getContext() as NatsContext).getSubject();
    if (typeof request !== 'object' || request === null || typeof request.meta !== 'object' || request.meta === null) {
      throw new UnauthorizedException('No caller assertion on the request');
    }
    try {
      // Only what the assertion says counts: whatever else meta claims is replaced.
      const { actor, idempotencyKey, deadline } = verifiedCallerOf(this.key, request.meta.assertion, subject, request.data);
      Object.assign(request.meta, { actor, idempotencyKey, deadline });
    } catch (error) {
      if (error instanceof CallerAssertionError) throw new UnauthorizedException(error.message);
      throw error;
    }
    return true;
  }
}
