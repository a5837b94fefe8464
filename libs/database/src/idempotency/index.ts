export * from './create-idempotent-requests.migration';
export * from './idempotent-execution';
