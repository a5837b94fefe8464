import type { DefaultJobOptions } from 'bullmq';
import type { BaseEnv, ServiceName } from '@alur/config';

/**
 * A BullMQ queue, declared once in `queues.ts`: the service that owns it registers it (its jobs and
 * its one processor), other code (the gateway's Bull Board) reads it from here, never by a literal.
 */
export interface QueueDeclaration<Jobs extends Readonly<Record<string, string>> = Readonly<Record<string, string>>> {
  /** BullMQ's name: keys are `<QUEUE_PREFIX>:<name>:…`, and Bull Board shows it by this name. */
  readonly name: string;
  /** The one service that registers the queue and processes its jobs. */
  readonly owner: ServiceName;
  /** What the queue is for, in a sentence for operators (shown on the board). */
  readonly description: string;
  /** Every job name the queue carries, by the key code uses; a job under another name fails without retry. */
  readonly jobs: Jobs;
  /** Jobs the owner's worker runs at once. */
  readonly concurrency: number;
  /** BullMQ merges these under each job's own options when it is added (a job's option wins). */
  readonly defaultJobOptions: (env: BaseEnv) => DefaultJobOptions;
}

/** Declares a queue; typed so that `queue.jobs.<key>` is a known job name. */
export function declareQueue<const Jobs extends Readonly<Record<string, string>>>(
  declaration: QueueDeclaration<Jobs>,
): QueueDeclaration<Jobs> {
  return Object.freeze(declaration);
}
