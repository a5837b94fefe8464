import { DynamicModule, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { jobQueueToken } from './inject-job-queue.decorator';
import { JobQueues, REGISTERED_QUEUES } from './job-queues.service';
import type { QueueDeclaration } from './queue-declaration';

/**
 * A service's background jobs: `JobsModule.forQueues(QUEUE, …)` opens the queues it owns (inject one
 * with @InjectJobQueue(QUEUE)) and runs each one's @ProcessJobs(QUEUE) processor.
 */
@Module({})
export class JobsModule {
  static forQueues(...queues: QueueDeclaration[]): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      providers: [
        { provide: REGISTERED_QUEUES, useValue: queues },
        JobQueues,
        ...queues.map((queue) => ({
          provide: jobQueueToken(queue),
          inject: [JobQueues],
          useFactory: (jobs: JobQueues) => jobs.queueOf(queue),
        })),
      ],
      exports: [JobQueues, ...queues.map(jobQueueToken)],
    };
  }
}
