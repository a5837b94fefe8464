import { applyDecorators, Injectable } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Job } from 'bullmq';
import type { QueueDeclaration } from './queue-declaration';

/** Works the jobs of one queue; what `process` returns is the job's result (Bull Board shows it). Throwing retries the job. */
export interface JobProcessor {
  process(job: Job): Promise<unknown>;
}

/** The discovery key JobsModule finds processors by. */
export const JobsProcessorOf = DiscoveryService.createDecorator<QueueDeclaration>();

/**
 * Makes a provider the processor of `queue`: JobsModule finds it at start-up and runs a worker with
 * the queue's concurrency that hands it every job. Each registered queue has exactly one.
 */
export function ProcessJobs(queue: QueueDeclaration) {
  const decorate = applyDecorators(Injectable(), JobsProcessorOf(queue));
  return <T extends abstract new (...args: never[]) => JobProcessor>(target: T): void => {
    decorate(target);
  };
}
