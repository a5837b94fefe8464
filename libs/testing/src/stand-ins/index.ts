export * from './fake';
export * from './in-memory-transactions';
export * from './recording-outbox';
export * from './recording-audit-trail';
export * from './pending-after-commit';
export * from './refusal-of';
