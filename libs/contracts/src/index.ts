export * from './envelope/event-envelope';
export * from './envelope/event-contract';
export * from './envelope/contract-registry';
export * from './identity/role';
