import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { connect, NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, JetStreamClient, JetStreamManager } from '@nats-io/jetstream';
import { APP_ENV, BaseEnv, natsAuthOf, SERVICE_NAME } from '@alur/config';

export const NATS_CONNECTION = Symbol('NATS_CONNECTION');

/** The service's one NATS connection with its JetStream handles. */
export class NatsClients {
  readonly js: JetStreamClient;
  constructor(
    readonly nc: NatsConnection,
    readonly jsm: JetStreamManager,
  ) {
    this.js = jetstream(nc);
  }
}

/** Whether the server filters a consumer on several subjects (nats-server 2.10 on); 2.9 allows one filter subject. */
export function filtersOnSeveralSubjects(nc: NatsConnection): boolean {
  const [major, minor] = (nc.info?.version ?? '0.0').split('.').map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}

export async function connectNats(url: string, name: string, auth: { user?: string; pass?: string } = {}): Promise<NatsClients> {
  // noAsyncTraces: each request (every JetStream publish and acknowledgement) would otherwise capture a
  // stack trace up front, in case it failed; our logs say where a failure came from without it.
  const nc = await connect({ servers: url, name, maxReconnectAttempts: -1, reconnectTimeWait: 500, noAsyncTraces: true, ...auth });
  return new NatsClients(nc, await jetstreamManager(nc));
}

export const natsClientsProvider = {
  provide: NatsClients,
  inject: [APP_ENV, SERVICE_NAME],
  useFactory: (env: BaseEnv, service: string) => connectNats(env.NATS_URL, `alur-${service}`, natsAuthOf(env)),
};

@Injectable()
export class NatsShutdown implements OnApplicationShutdown {
  private readonly logger = new Logger(NatsShutdown.name);
  constructor(@Inject(NatsClients) private readonly clients: NatsClients) {}

  async onApplicationShutdown(): Promise<void> {
    // Drain lets in-flight publishes and acks finish before the socket closes.
    await this.clients.nc.drain().catch((error) => this.logger.warn(`NATS drain failed: ${error}`));
  }
}
