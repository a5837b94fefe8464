import { INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { TestIsolation } from '@alur/testing';
import { GatewayModule } from '../../apps/gateway/src/gateway.module';
import { configureGateway } from '../../apps/gateway/src/http/configure-gateway';
import { DEMO_PASSWORD } from '../../apps/gateway/src/seed/demo-users';
import { seedDemoUsers } from '../../apps/gateway/src/seed/seed-demo-users';

/** A fetch Response whose JSON body tests may read without declaring its type. */
export type GatewayResponse = Omit<Response, 'json'> & { json(): Promise<any> };

export interface RunningGateway {
  app: INestApplication;
  url: string;
  /** An HTTP call to the gateway; `token` becomes the bearer token. */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<GatewayResponse>;
  /** Logs a demo user in and gives their access token. */
  tokenOf(username: string): Promise<string>;
  close(): Promise<void>;
}

/**
 * The gateway in this process against the test's own schema, NATS prefix and queues, with the
 * demo users seeded. `module` lets a test wrap GatewayModule.forRoot(env) with extra controllers.
 */
export async function startGateway(
  isolation: TestIsolation,
  options: {
    module?: (gateway: ReturnType<typeof GatewayModule.forRoot>) => Type<unknown>;
    /** The interface to listen on; `url` is on loopback either way. */
    host?: string;
    /** Changes to the isolation's environment, e.g. GATEWAY_TRUSTED_PROXY_HOPS. */
    env?: NodeJS.ProcessEnv;
  } = {},
): Promise<RunningGateway> {
  const gateway = GatewayModule.forRoot({ ...isolation.env, ...options.env, GATEWAY_PORT: '0' });
  // Its logs go through the test's pino logger (silent unless TEST_LOG_LEVEL says otherwise), as a service's do.
  // `logger: false` silenced Nest's shared Logger for every app in the process: a service started beside it
  // then answered a request it failed with a 500 and logged nothing, even with TEST_LOG_LEVEL=error.
  const app = await NestFactory.create(options.module ? options.module(gateway) : gateway, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  configureGateway(app);
  await app.listen(0, options.host ?? '127.0.0.1');
  await seedDemoUsers(app.get(DataSource), RegionDirectory.shared(), app.get(OutboxService));
  const url = `http://127.0.0.1:${new URL(await app.getUrl()).port}`;

  const call: RunningGateway['call'] = (method, path, { token, body, headers = {} } = {}) =>
    fetch(`${url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  return {
    app,
    url,
    call,
    async tokenOf(username) {
      const response = await call('POST', '/api/v1/auth/login', { body: { username, password: DEMO_PASSWORD } });
      if (response.status !== 200) throw new Error(`login of ${username} answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { accessToken: string }).accessToken;
    },
    close: () => app.close(),
  };
}
