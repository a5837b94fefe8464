import { Controller, DynamicModule, Inject, Module, Type } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { EventEnvelope } from '@alur/contracts';
import { BenchNote } from './load-driver';
import { now } from './latency-probe';
import { HandledSink } from './handled-sink';

export const PLAIN_CONSUMER_DB = Symbol('PLAIN_CONSUMER_DB');
const HANDLED_SINK = Symbol('HANDLED_SINK');

/** Subjects of the plain path: one whose handler writes the same row as the durable consumer, one that only receives. */
export function plainSubjects(prefix: string) {
  return { withInsert: `${prefix}.bench.note-recorded.plain`, emitOnly: `${prefix}.bench.note-recorded.emit-only` };
}

/** Plain `@EventPattern` handlers on core NATS: no transaction, no inbox, no ack. */
function plainNoteController(prefix: string): Type<unknown> {
  const subjects = plainSubjects(prefix);

  @Controller()
  class PlainNoteController {
    constructor(
      @Inject(PLAIN_CONSUMER_DB) private readonly db: DataSource,
      @Inject(HANDLED_SINK) private readonly sink: HandledSink,
    ) {}

    @EventPattern<string>(subjects.withInsert)
    async onNoteRecorded(@Payload() event: EventEnvelope<BenchNote>): Promise<void> {
      const { book, seq, text } = event.payload;
      await this.db.query('INSERT INTO note_seen (event_id, book, seq, text) VALUES ($1, $2, $3, $4)', [event.id, book, seq, text]);
      this.sink.handled(event.id, now());
    }

    @EventPattern<string>(subjects.emitOnly)
    onNoteEmitted(@Payload() event: EventEnvelope<BenchNote>): void {
      this.sink.handled(event.id, now());
    }
  }
  return PlainNoteController;
}

/** The plain path's consumer: a Nest microservice on the built-in NATS transport. */
@Module({})
export class PlainBenchModule {
  static consumer(prefix: string, db: DataSource, sink: HandledSink): DynamicModule {
    return {
      module: PlainBenchModule,
      controllers: [plainNoteController(prefix)],
      providers: [
        { provide: PLAIN_CONSUMER_DB, useValue: db },
        { provide: HANDLED_SINK, useValue: sink },
      ],
    };
  }
}
