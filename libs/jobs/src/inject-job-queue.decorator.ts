import { Inject } from '@nestjs/common';
import type { QueueDeclaration } from './queue-declaration';

/** The injection token of a registered queue's BullMQ `Queue`. */
export function jobQueueToken(queue: Pick<QueueDeclaration, 'name'>): string {
  return `alur-job-queue:${queue.name}`;
}

/** Injects the BullMQ `Queue` of a queue the service registered with JobsModule.forQueues. */
export const InjectJobQueue = (queue: QueueDeclaration): ParameterDecorator => Inject(jobQueueToken(queue));
