import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { APP_ENV, BaseEnv, redisOptionsOf, SERVICE_NAME, ServiceName } from '@alur/config';
import { JobProcessor, JobsProcessorOf } from './process-jobs.decorator';
import type { QueueDeclaration } from './queue-declaration';

export const REGISTERED_QUEUES = Symbol('REGISTERED_QUEUES');

/** Start-up refused: a registered queue without its processor, or the like. The message names the queue. */
export class JobsSetupError extends Error {
  override readonly name = 'JobsSetupError';
}

/**
 * The queues a service registered, opened on its Redis under QUEUE_PREFIX (each deployment, and each
 * test file, has its own queues in a shared Redis), and one worker per queue for its @ProcessJobs
 * processor. Start-up fails when a queue has no processor, two, or belongs to another service.
 */
@Injectable()
export class JobQueues implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private readonly queues = new Map<string, Queue>();
  private readonly processors = new Map<string, JobProcessor>();
  private readonly workers: Worker[] = [];

  constructor(
    @Inject(APP_ENV) private readonly env: BaseEnv,
    @Inject(SERVICE_NAME) private readonly service: ServiceName,
    @Inject(REGISTERED_QUEUES) private readonly declarations: readonly QueueDeclaration[],
    private readonly discovery: DiscoveryService,
  ) {
    for (const declaration of declarations) {
      this.queues.set(
        declaration.name,
        new Queue(declaration.name, {
          // Workers block on Redis and must not give up on a command while it reconnects.
          connection: redisOptionsOf(env, { maxRetriesPerRequest: null }),
          prefix: env.QUEUE_PREFIX,
          defaultJobOptions: declaration.defaultJobOptions(env),
        }),
      );
    }
  }

  queueOf(declaration: QueueDeclaration): Queue {
    const queue = this.queues.get(declaration.name);
    if (!queue) throw new JobsSetupError(`The ${declaration.name} queue is not registered: add it to JobsModule.forQueues(...)`);
    return queue;
  }

  async onModuleInit(): Promise<void> {
    const problems = this.findProcessors();
    if (problems.length === 0) return;
    await this.closeQueues();
    throw new JobsSetupError(`The ${this.service} service cannot start its jobs:\n- ${problems.join('\n- ')}`);
  }

  /** Workers start once every module is ready: a job may come due at once. */
  onApplicationBootstrap(): void {
    for (const declaration of this.declarations) {
      const processor = this.processors.get(declaration.name)!;
      const jobNames = new Set(Object.values(declaration.jobs));
      const worker = new Worker(
        declaration.name,
        (job: Job) => {
          if (!jobNames.has(job.name)) throw new UnrecoverableError(`The ${declaration.name} queue has no job named ${job.name}`);
          return processor.process(job);
        },
        {
          connection: redisOptionsOf(this.env, { maxRetriesPerRequest: null }),
          prefix: this.env.QUEUE_PREFIX,
          concurrency: declaration.concurrency,
        },
      );
      worker.on('error', (error) => this.logger.warn({ err: error, queue: declaration.name }, 'Queue worker error'));
      this.workers.push(worker);
    }
  }

  /** Workers first (each finishes the jobs it is running), then the queues. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.workers.map((worker) => worker.close()));
    await this.closeQueues();
  }

  /** Pairs each registered queue with its one processor; returns what is wrong, queue by queue. */
  private findProcessors(): string[] {
    const problems: string[] = [];
    const found = new Map<string, string[]>();
    for (const wrapper of this.discovery.getProviders({ metadataKey: JobsProcessorOf.KEY })) {
      const declaration = this.discovery.getMetadataByDecorator(JobsProcessorOf, wrapper);
      const instance = wrapper.instance as Partial<JobProcessor> | undefined;
      if (!declaration || !instance) continue;
      if (!this.declarations.some((registered) => registered.name === declaration.name)) {
        problems.push(
          `${wrapper.name} processes the ${declaration.name} queue, which this service does not register (JobsModule.forQueues)`,
        );
        continue;
      }
      if (typeof instance.process !== 'function') {
        problems.push(`${wrapper.name}, the processor of the ${declaration.name} queue, has no process(job) method`);
        continue;
      }
      found.set(declaration.name, [...(found.get(declaration.name) ?? []), String(wrapper.name)]);
      this.processors.set(declaration.name, instance as JobProcessor);
    }
    for (const declaration of this.declarations) {
      const names = found.get(declaration.name) ?? [];
      if (declaration.owner !== this.service) {
        problems.push(`the ${declaration.name} queue belongs to ${declaration.owner}, not ${this.service}`);
      }
      if (names.length === 0) {
        problems.push(
          `the ${declaration.name} queue has no processor: add a provider decorated @ProcessJobs(<its declaration>) with a process(job) method`,
        );
      } else if (names.length > 1) {
        problems.push(`the ${declaration.name} queue has ${names.length} processors (${names.join(', ')}); it takes exactly one`);
      }
    }
    return problems;
  }

  private async closeQueues(): Promise<void> {
    await Promise.all([...this.queues.values()].map((queue) => queue.close()));
  }
}
