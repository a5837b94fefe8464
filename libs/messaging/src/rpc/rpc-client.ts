import {
  GatewayTimeoutException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import { KeyObject } from 'node:crypto';
import { ClientNats, NatsRecord, NatsRecordBuilder } from '@nestjs/microservices';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { ClsService } from 'nestjs-cls';
import { lastValueFrom, timeout, TimeoutError } from 'rxjs';
import { APP_ENV, BaseEnv, natsAuthOf } from '@alur/config';
import { Actor, AnswerOf, RequestContract, RequestInputOf } from '@alur/contracts';
import {
  CLS_ACTOR,
  CLS_CORRELATION_ID,
  CLS_IDEMPOTENCY_KEY,
  inSpan,
  injectTraceHeaders,
  SpanKind,
  tracingEnabled,
} from '@alur/observability';
import { callerAssertionKey, signCallerAssertion } from './caller-assertion';
import { isRpcErrorPayload } from './rpc-error';
import { rpcSubject } from './rpc-subject';

/**
 * What every request carries besides its data: the correlation id to log and pass on, and who asks
 * — as the gateway's signed `assertion`; services set `actor` from it once verified (RpcCallerGuard).
 */
export interface RpcMeta {
  correlationId?: string;
  assertion?: string;
  actor?: Actor | null;
  /** Set by RpcCallerGuard from the assertion: the client's Idempotency-Key, if it sent one. */
  idempotencyKey?: string;
  /** Set by RpcCallerGuard from the assertion: when the gateway stops waiting (epoch ms). */
  deadline?: number;
}
export interface RpcRequest<T> {
  meta: RpcMeta;
  data: T;
}

/**
 * Asks a service and waits for its answer, within RPC_TIMEOUT_MS. No answer in time is a 504, no
 * service listening (or NATS unreachable) a 503, and a service's own refusal keeps its status.
 */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  private readonly logger = new Logger(RpcClient.name);
  private readonly client: ClientNats;
  private readonly assertionKey: KeyObject;

  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly cls: ClsService,
  ) {
    this.client = new ClientNats({ servers: env.NATS_URL, name: 'alur-rpc-client', maxReconnectAttempts: -1, ...natsAuthOf(env) });
    this.assertionKey = callerAssertionKey(env);
  }

  /** Asks the service that answers `contract`, with data of the contract's request; the answer is typed by it. */
  async send<C extends RequestContract>(contract: C, data: RequestInputOf<C>, options: { timeoutMs?: number } = {}): Promise<AnswerOf<C>> {
    const { pattern } = contract;
    const subject = rpcSubject(this.env.NATS_SUBJECT_PREFIX, pattern);
    const actor: Actor | null = (this.cls.isActive() ? this.cls.get(CLS_ACTOR) : null) ?? null;
    const waitMs = options.timeoutMs ?? this.env.RPC_TIMEOUT_MS;
    const now = Date.now();
    const terms = {
      idempotencyKey: this.cls.isActive() ? this.cls.get<string | undefined>(CLS_IDEMPOTENCY_KEY) : undefined,
      // The service is told when this caller gives up, so it does not start work nobody will hear of.
      deadline: now + waitMs,
    };
    const request: RpcRequest<unknown> = {
      meta: {
        correlationId: this.cls.isActive() ? this.cls.get(CLS_CORRELATION_ID) : undefined,
        assertion: signCallerAssertion(this.assertionKey, subject, data, actor, now, terms),
      },
      data,
    };
    const ask = async (): Promise<AnswerOf<C>> => {
      try {
        return await lastValueFrom(this.client.send<AnswerOf<C>>(subject, this.withTraceHeaders(request)).pipe(timeout(waitMs)));
      } catch (error) {
        throw this.translate(pattern, error, waitMs);
      }
    };
    if (!tracingEnabled()) return ask();
    return inSpan(`rpc ${pattern}`, { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'nats', 'rpc.method': pattern } }, ask);
  }

  /** The request with the current W3C trace context in its NATS headers, where the service's span continues it. */
  private withTraceHeaders<T>(request: RpcRequest<T>): RpcRequest<T> | NatsRecord<RpcRequest<T>> {
    if (!tracingEnabled()) return request;
    const headers = natsHeaders();
    injectTraceHeaders(headers);
    return new NatsRecordBuilder(request).setHeaders(headers).build();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }

  private translate(pattern: string, error: unknown, waitMs: number): HttpException {
    if (isRpcErrorPayload(error)) return new HttpException(error.body, error.status);
    if (error instanceof TimeoutError) {
      return new GatewayTimeoutException(`${serviceOf(pattern)} did not answer within ${waitMs} ms`);
    }
    this.logger.warn({ err: error, pattern }, 'Request failed');
    return new ServiceUnavailableException(`${serviceOf(pattern)} is not available`);
  }
}

function serviceOf(pattern: string): string {
  return `the ${pattern.split('.')[0]} service`;
}
