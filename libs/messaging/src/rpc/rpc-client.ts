import {
  GatewayTimeoutException,
  HttpException,
  Inject,
  Injectable,
  Logger,
  OnApplicationShutdown,
  ServiceUnavailableException,
} from '@nestjs/common';
import { KeyObject, randomUUID } from 'node:crypto';
import { connect, headers as natsHeaders, NatsConnection, TimeoutError } from '@nats-io/transport-node';
import { ClsService } from 'nestjs-cls';
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

/** A service's reply as @nestjs/microservices' NATS server sends it: the answer, or the error it was refused with. */
interface RpcReply {
  response?: unknown;
  err?: unknown;
}

/**
 * Asks a service and waits for its answer, within RPC_TIMEOUT_MS. No answer in time is a 504, no
 * service listening (or NATS unreachable) a 503, and a service's own refusal keeps its status.
 *
 * Requests go out through the NATS client's own request/reply, where all replies come to one inbox
 * subscription: @nestjs/microservices' ClientNats subscribed a new inbox and unsubscribed it again for every
 * request, two more protocol messages and a change of interest on the server each time. The packet is
 * the one its server reads (`{ pattern, data, id }`) and answers (`{ id, response | err, isDisposed }`).
 */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  private readonly logger = new Logger(RpcClient.name);
  private readonly assertionKey: KeyObject;
  private connection?: Promise<NatsConnection>;

  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    private readonly cls: ClsService,
  ) {
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
      let reply: RpcReply;
      try {
        const nc = await this.connected();
        const packet = JSON.stringify({ pattern: subject, data: request, id: randomUUID() });
        const message = await nc.request(subject, packet, { timeout: waitMs, headers: this.traceHeaders() });
        reply = message.json<RpcReply>();
      } catch (error) {
        throw this.translate(pattern, error, waitMs);
      }
      if (reply.err !== undefined && reply.err !== null) throw this.translate(pattern, reply.err, waitMs);
      return reply.response as AnswerOf<C>;
    };
    if (!tracingEnabled()) return ask();
    return inSpan(`rpc ${pattern}`, { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'nats', 'rpc.method': pattern } }, ask);
  }

  /** One connection for every request, made at the first; a failed attempt is tried again by the next request. */
  private connected(): Promise<NatsConnection> {
    this.connection ??= connect({
      servers: this.env.NATS_URL,
      name: 'alur-rpc-client',
      maxReconnectAttempts: -1,
      // A request that fails says so itself; capturing a stack for each one costs more than the request.
      noAsyncTraces: true,
      ...natsAuthOf(this.env),
    }).catch((error: unknown) => {
      this.connection = undefined;
      throw error;
    });
    return this.connection;
  }

  /** The current W3C trace context as NATS headers, where the service's span continues it. */
  private traceHeaders() {
    if (!tracingEnabled()) return undefined;
    const headers = natsHeaders();
    injectTraceHeaders(headers);
    return headers;
  }

  async onApplicationShutdown(): Promise<void> {
    const nc = await this.connection?.catch(() => undefined);
    await nc?.close();
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
