export * from './queue-declaration';
export * from './queues';
export * from './process-jobs.decorator';
export * from './inject-job-queue.decorator';
export * from './job-queues.service';
export * from './jobs.module';
