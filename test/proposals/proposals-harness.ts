import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { CustomStrategy } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { AuditTrail } from '@alur/audit';
import { OutboxService, PrefixedNatsServer, RpcExceptionFilter } from '@alur/messaging';
import { TestIsolation } from '@alur/testing';
import { ProposalsModule } from '../../apps/proposals/src/proposals.module';
import { seedDemoProgrammes } from '../../apps/proposals/src/seed/seed-demo-programmes';

export interface RunningProposals {
  app: INestApplication;
  db: DataSource;
  audit: AuditTrail;
  close(): Promise<void>;
}

/** The proposals service in this process, answering the gateway over NATS, with the demo programmes seeded. */
export async function startProposals(isolation: TestIsolation): Promise<RunningProposals> {
  const env: NodeJS.ProcessEnv = { ...isolation.env, PROPOSALS_PORT: '0' };
  // Through the test's pino logger, as startGateway's (`logger: false` silenced every app of the process).
  const app = await NestFactory.create(ProposalsModule.forRoot(env), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Before connecting: the microservice resolves its global filters when it registers its handlers.
  app.useGlobalFilters(new RpcExceptionFilter());
  app.connectMicroservice<CustomStrategy>(
    {
      strategy: new PrefixedNatsServer(env.NATS_SUBJECT_PREFIX!, {
        servers: env.NATS_URL,
        queue: 'proposals',
        name: 'alur-proposals-rpc-test',
      }),
    },
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.init();
  const db = app.get(DataSource);
  await seedDemoProgrammes(db, app.get(OutboxService), { NODE_ENV: 'test' });
  return { app, db, audit: app.get(AuditTrail), close: () => app.close() };
}
