import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { DataSource } from 'typeorm';
import { ServiceName } from '@alur/config';
import { MessagingFaults, OutboxRelay } from '@alur/messaging';
import { removeTestResources, TestIsolation } from '@alur/testing';
import { NoteWriter, SpineFixtureModule } from '../fixtures/spine/spine-fixture.module';

export interface RunningFixture {
  app: INestApplication;
  writer: NoteWriter;
  relay: OutboxRelay;
  db: DataSource;
  close(): Promise<void>;
}

export async function startFixture(
  service: ServiceName,
  isolation: TestIsolation,
  options: { env?: NodeJS.ProcessEnv; faults?: MessagingFaults } = {},
): Promise<RunningFixture> {
  const app = await NestFactory.create(SpineFixtureModule.forService(service, { ...isolation.env, ...options.env }, options.faults), {
    logger: false,
  });
  await app.init();
  return {
    app,
    writer: app.get(NoteWriter),
    relay: app.get(OutboxRelay),
    db: app.get(DataSource),
    close: () => app.close(),
  };
}

/**
 * The suite's producer (as proposals) and consumer (as approvals) of notes, started before its tests and
 * closed after them, with the run's database schemas, stream and queues.
 */
export function producerAndConsumer(isolation: TestIsolation): { producer: RunningFixture; consumer: RunningFixture } {
  const spine = {} as { producer: RunningFixture; consumer: RunningFixture };
  beforeAll(async () => {
    spine.producer = await startFixture('proposals', isolation);
    spine.consumer = await startFixture('approvals', isolation);
  });
  afterAll(async () => {
    await spine.consumer?.close();
    await spine.producer?.close();
    await removeTestResources(isolation.id, isolation.env);
  });
  return spine;
}

export interface SeenNote {
  event_id: string;
  book: string;
  seq: number;
  text: string;
}

export async function seenNotes(db: DataSource): Promise<SeenNote[]> {
  return db.query('SELECT event_id, book, seq, text FROM note_seen ORDER BY handled_order');
}

const FIXTURE_MAIN = join(__dirname, '../../dist/test/fixtures/spine/main.js');

/** Runs the fixture as its own process (built by `npm run build`), so that a test can SIGKILL it. */
export async function spawnFixture(service: ServiceName, isolation: TestIsolation, env: NodeJS.ProcessEnv = {}) {
  if (!existsSync(FIXTURE_MAIN)) throw new Error(`${FIXTURE_MAIN} is missing: run npm run build first (npm test does)`);
  const child: ChildProcess = spawn(process.execPath, [FIXTURE_MAIN], {
    env: { ...process.env, ...isolation.env, FIXTURE_SERVICE: service, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match) resolve(match[1].replace('[::1]', '127.0.0.1'));
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then((how) => reject(new Error(`fixture exited (${how}) before it was ready:\n${output}`)));
  });
  return { url, child, exited, output: () => output };
}

/** Everything in the run's stream, in stream order: what a consumer would receive. */
export async function streamMessages(isolation: TestIsolation): Promise<Array<{ subject: string; data: any }>> {
  const nc = await connect({ servers: isolation.env.NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    const name = isolation.env.NATS_STREAM!;
    const { state } = await jsm.streams.info(name);
    const out: Array<{ subject: string; data: any }> = [];
    for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
      const message = await jsm.streams.getMessage(name, { seq });
      if (message) out.push({ subject: message.subject, data: message.json() });
    }
    return out;
  } finally {
    await nc.close();
  }
}

/** The durable consumer's state as JetStream sees it: pending acks and redeliveries. */
export async function consumerInfo(isolation: TestIsolation, durable: string) {
  const nc = await connect({ servers: isolation.env.NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    return await jsm.consumers.info(isolation.env.NATS_STREAM!, durable);
  } finally {
    await nc.close();
  }
}
