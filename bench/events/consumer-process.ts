import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { MicroserviceOptions, Transport } from '@nestjs/microservices';
import { APP_ENV, BaseEnv } from '@alur/config';
import { DurableBenchModule } from './durable-bench.module';
import { HandledSink } from './handled-sink';
import { PlainBenchModule } from './plain-bench.module';
import { openPlainDatabase } from './plain-database';

export type ConsumerPath = 'durable' | 'plain';
export type ConsumerMessage = { ready: true } | { path: ConsumerPath; handled: Array<[string, number]> };

/**
 * Both paths' consumers in a process of their own, as a consuming service runs beside the producing
 * one. Handled times go to the bench over IPC in small batches; both processes stamp with the same
 * wall clock (`performance.timeOrigin + performance.now()`).
 */
function forwardingSink(path: ConsumerPath): HandledSink {
  let batch: Array<[string, number]> = [];
  setInterval(() => {
    if (batch.length === 0) return;
    process.send!({ path, handled: batch } satisfies ConsumerMessage);
    batch = [];
  }, 5).unref();
  return { handled: (id, at) => void batch.push([id, at]) };
}

async function main(): Promise<void> {
  const durable = await NestFactory.create(DurableBenchModule.consumer(process.env, forwardingSink('durable')), {
    logger: false,
    abortOnError: false,
  });
  await durable.init();
  const env = durable.get<BaseEnv>(APP_ENV);
  const plainDb = await openPlainDatabase(env, 'plain_consumer');
  const plain = await NestFactory.createMicroservice<MicroserviceOptions>(
    PlainBenchModule.consumer(env.NATS_SUBJECT_PREFIX, plainDb, forwardingSink('plain')),
    { transport: Transport.NATS, options: { servers: env.NATS_URL, name: 'bench-plain-consumer' }, logger: false },
  );
  await plain.listen();
  process.once('message', async () => {
    await plain.close();
    await durable.close();
    await plainDb.destroy();
    process.exit(0);
  });
  process.send!({ ready: true } satisfies ConsumerMessage);
}

main().catch((error: unknown) => {
  console.error(`bench consumer failed: ${(error as Error).stack ?? error}`);
  process.exit(1);
});
