import { DynamicModule, Module } from '@nestjs/common';
import { now } from './latency-probe';
import { BenchTables1763900000101 } from './bench-tables.migration';
import { DurableNoteReader } from './durable-note-reader.service';
import { DurableNoteWriter } from './durable-note-writer.service';
import { HandledSink } from './handled-sink';
import { ProbeHolder } from './probe-holder';
import { ServiceCoreModule } from '@alur/platform';

/**
 * The durable path as two services made of the real platform libraries: a producer (outbox + relay)
 * and a consumer (JetStream durable consumer + inbox), each with its own schema.
 */
@Module({})
export class DurableBenchModule {
  static producer(env: NodeJS.ProcessEnv, probes: ProbeHolder): DynamicModule {
    return {
      module: DurableBenchModule,
      imports: [ServiceCoreModule.forService('proposals', { env, migrations: [BenchTables1763900000101] })],
      providers: [{ provide: ProbeHolder, useValue: probes }, DurableNoteWriter],
    };
  }

  static consumer(env: NodeJS.ProcessEnv, sink: HandledSink): DynamicModule {
    return {
      module: DurableBenchModule,
      imports: [
        ServiceCoreModule.forService('approvals', {
          env,
          migrations: [BenchTables1763900000101],
          // The hook runs after the handler's transaction committed and before the ack: the effect is durable.
          messaging: { faults: { afterHandled: (eventId) => sink.handled(eventId, now()) } },
        }),
      ],
      providers: [DurableNoteReader],
    };
  }
}
