import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { ClsService } from 'nestjs-cls';
import { from, lastValueFrom, Observable } from 'rxjs';
import { Actor, InvalidInputError } from '@alur/contracts';
import { IdempotentRequests, requestHashOf } from '@alur/database';
import { CLS_ACTOR, CLS_IDEMPOTENCY_KEY } from '@alur/observability';

/** Visible ASCII, as the IETF Idempotency-Key draft expects of a key (a UUID fits). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The request's Idempotency-Key header, required and checked: 400 naming the header otherwise. */
export function checkedIdempotencyKey(idempotencyKey: string | undefined): string {
  const key = optionalIdempotencyKey(idempotencyKey);
  if (key === undefined) {
    throw new InvalidInputError([{ field: 'Idempotency-Key', reason: 'header is required: send one unique key per request, e.g. a UUID' }]);
  }
  return key;
}

/** The request's Idempotency-Key header if it has one: 400 naming the header when it is malformed. */
export function optionalIdempotencyKey(idempotencyKey: string | undefined): string | undefined {
  if (idempotencyKey === undefined || idempotencyKey === '') return undefined;
  if (!IDEMPOTENCY_KEY.test(idempotencyKey)) {
    throw new InvalidInputError([{ field: 'Idempotency-Key', reason: 'must be 1 to 255 visible ASCII characters' }]);
  }
  return idempotencyKey;
}

interface HttpRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  params?: unknown;
  query?: unknown;
  body?: unknown;
  file?: { buffer?: Buffer; originalname?: string; mimetype?: string };
  route?: { path?: string };
}

/**
 * Every creating or changing request may carry an `Idempotency-Key`: checked here, then passed on in
 * the request context to the service that carries the change out (RpcClient puts it in the caller
 * assertion; RpcIdempotencyInterceptor keeps the promise there).
 */
@Injectable()
export class IdempotencyKeyInterceptor implements NestInterceptor {
  constructor(private readonly cls: ClsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest>();
    if (!WRITES.has(request.method)) return next.handle();
    const header = request.headers['idempotency-key'];
    const key = optionalIdempotencyKey(Array.isArray(header) ? header[0] : header);
    if (key && this.cls.isActive()) this.cls.set(CLS_IDEMPOTENCY_KEY, key);
    return next.handle();
  }
}

/**
 * For the gateway's own writes (uploads, users): the same promise as the services keep for theirs, in the
 * same idempotent_request table (libs/database owns its SQL).
 * Put it after any FileInterceptor, so that the file is part of what the key stands for.
 */
@Injectable()
export class IdempotentRoute implements NestInterceptor {
  constructor(
    private readonly idempotent: IdempotentRequests,
    private readonly cls: ClsService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const key = this.cls.isActive() ? this.cls.get<string | undefined>(CLS_IDEMPOTENCY_KEY) : undefined;
    if (!key) return next.handle();
    const request = context.switchToHttp().getRequest<HttpRequest>();
    const actor = this.cls.get<Actor | null>(CLS_ACTOR);
    const file = request.file?.buffer
      ? {
          name: request.file.originalname,
          type: request.file.mimetype,
          sha256: createHash('sha256').update(request.file.buffer).digest('hex'),
        }
      : undefined;
    const idempotent = {
      callerKey: actor?.userId ?? 'anonymous',
      key,
      operation: `${request.method} ${request.route?.path ?? ''}`,
      requestHash: requestHashOf({ params: request.params, query: request.query, body: request.body, file }),
    };
    // An upload writes its whole file before its row claims the key: a repeat is cheaper answered from the lookup.
    const work = () => lastValueFrom(next.handle(), { defaultValue: undefined });
    return from(this.idempotent.run(idempotent, work, { lookFirst: true }));
  }
}
