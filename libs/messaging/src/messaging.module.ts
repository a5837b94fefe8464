import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AuditModule } from '@alur/audit';
import { AfterCommit } from '@alur/database';
import { EventConsumer } from './consumer/event-consumer.service';
import { EventHandlerRegistry } from './consumer/event-handler-registry';
import { InboundEventProcessor } from './consumer/inbound-event-processor.service';
import { InboundEventStore } from './consumer/inbound-event.store';
import { StreamCursor } from './consumer/stream-cursor';
import { DeadLetterController } from './dead-letter/dead-letter.controller';
import { DeadLetterService } from './dead-letter/dead-letter.service';
import { MESSAGING_OPTIONS, MessagingModuleOptions } from './messaging.tokens';
import { NatsClients, natsClientsProvider, NatsShutdown } from './nats/nats-connection';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { OutboxService } from './outbox/outbox.service';
import { OutboxWake } from './outbox/outbox-wake';
import { DrainPace } from './outbox/drain-pace';
import { ChangeRecorder } from './outbox/change-recorder.service';
import { SpineHealth } from './spine-health.service';
import { SpineStatusController } from './spine-status.controller';

/**
 * The event spine of one service: its outbox and relay, its durable consumer with inbox and
 * inbound queue (order per aggregate, retries, dead letters), and its NATS connection. Import once, in the service's root module.
 */
@Module({})
export class MessagingModule {
  static forService(options: MessagingModuleOptions = {}): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      // The audit trail records operators' replays and skips of dead letters (every service has its table).
      imports: [DiscoveryModule, AuditModule],
      controllers: [DeadLetterController, SpineStatusController],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        natsClientsProvider,
        NatsShutdown,
        AfterCommit,
        OutboxService,
        DrainPace,
        OutboxWake,
        ChangeRecorder,
        OutboxRelay,
        EventHandlerRegistry,
        InboundEventStore,
        StreamCursor,
        InboundEventProcessor,
        EventConsumer,
        DeadLetterService,
        SpineHealth,
      ],
      exports: [
        AfterCommit,
        NatsClients,
        OutboxService,
        ChangeRecorder,
        OutboxRelay,
        EventConsumer,
        InboundEventProcessor,
        DeadLetterService,
        SpineHealth,
      ],
    };
  }
}
