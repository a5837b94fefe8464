import 'reflect-metadata';
import { Controller, Get, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, MicroserviceOptions } from '@nestjs/microservices';
import { AckPolicy, DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { Pool } from 'pg';
import { PrefixedNatsServer } from '@alur/messaging';
import { FloorCommand, FloorReply, FLOOR_ANSWER, lanes } from './floor-unit';

/*
 * The far side of one unit of bench:floor, in a process of its own so that its CPU is its own: a bare
 * NestJS HTTP app, a bare NestJS NATS microservice, a JetStream consumer, a pg pool or a BullMQ worker,
 * each doing nothing but the unit itself. The bench reads this process's CPU from /proc.
 */

const reply = (message: FloorReply) => process.send!(message);

@Controller('floor')
class FloorHttpController {
  /** About the size of `/me`'s answer. */
  @Get('me')
  me() {
    return FLOOR_ANSWER;
  }
}

@Module({ controllers: [FloorHttpController] })
class FloorHttpModule {}

@Controller()
class FloorRpcController {
  @MessagePattern('floor.me')
  me() {
    return FLOOR_ANSWER;
  }
}

@Module({ controllers: [FloorRpcController] })
class FloorRpcModule {}

/** Counts what was consumed and tells the bench every 20 ms while the count moves. */
function consumedCounter(): () => void {
  let consumed = 0;
  let told = 0;
  setInterval(() => {
    if (consumed === told) return;
    told = consumed;
    reply({ consumed });
  }, 20).unref();
  return () => void consumed++;
}

async function start(command: Extract<FloorCommand, { start: unknown }>['start']): Promise<() => Promise<void>> {
  switch (command.unit) {
    case 'http': {
      const app = await NestFactory.create(FloorHttpModule, { logger: false });
      await app.listen(0, '127.0.0.1');
      reply({ ready: true, port: (app.getHttpServer().address() as { port: number }).port });
      return () => app.close();
    }
    case 'rpc': {
      const app = await NestFactory.createMicroservice<MicroserviceOptions>(FloorRpcModule, {
        strategy: new PrefixedNatsServer(command.prefix, { servers: command.natsUrl, queue: 'floor' }),
        logger: false,
      });
      await app.listen();
      reply({ ready: true });
      return () => app.close();
    }
    case 'jetstream': {
      const nc = await connect({ servers: command.natsUrl, noAsyncTraces: true });
      const jsm = await jetstreamManager(nc);
      await jsm.consumers.add(command.stream, {
        durable_name: 'floor',
        ack_policy: AckPolicy.Explicit,
        deliver_policy: DeliverPolicy.All,
        max_ack_pending: 1024,
      });
      const consumer = await jetstream(nc).consumers.get(command.stream, 'floor');
      const messages = await consumer.consume({ max_messages: 512 });
      const counted = consumedCounter();
      void (async () => {
        for await (const message of messages) {
          message.ack();
          counted();
        }
      })();
      reply({ ready: true });
      return async () => {
        messages.stop();
        await nc.close();
      };
    }
    case 'bullmq': {
      const counted = consumedCounter();
      const connection = new Redis(command.redisUrl, { maxRetriesPerRequest: null });
      const worker = new Worker(command.queue, async () => counted(), { connection, concurrency: command.concurrency });
      await worker.waitUntilReady();
      reply({ ready: true });
      return async () => {
        await worker.close();
        connection.disconnect();
      };
    }
    case 'postgres': {
      const pool = new Pool({ connectionString: command.databaseUrl, max: command.concurrency });
      await pool.query('CREATE TABLE IF NOT EXISTS floor_note (id bigserial PRIMARY KEY, text text NOT NULL)');
      await pool.query(`INSERT INTO floor_note (text) SELECT 'note ' || g FROM generate_series(1, 1000) g`);
      process.on('message', (message: FloorCommand) => {
        if (typeof message !== 'object' || !('pg' in message)) return;
        const { statement, count, concurrency } = message.pg;
        // Named, hence prepared once per connection, as the services' PreparingClient does.
        const query: (i: number) => { name: string; text: string; values: unknown[] } =
          statement === 'read'
            ? (i: number) => ({ name: 'floor-read', text: 'SELECT id, text FROM floor_note WHERE id = $1', values: [1 + (i % 1000)] })
            : (i: number) => ({ name: 'floor-commit', text: 'INSERT INTO floor_note (text) VALUES ($1)', values: [`note ${i}`] });
        void lanes(count, concurrency, (i) => pool.query(query(i))).then(() => reply({ ran: count }));
      });
      reply({ ready: true });
      return () => pool.end();
    }
  }
}

process.once('message', (message: FloorCommand) => {
  if (typeof message !== 'object' || !('start' in message)) return;
  start(message.start)
    .then((stop) => {
      process.on('message', (next: FloorCommand) => {
        if (next === 'stop') void stop().finally(() => process.exit(0));
      });
    })
    .catch((error: unknown) => {
      console.error(`bench:floor unit failed: ${(error as Error).stack ?? error}`);
      process.exit(1);
    });
});
