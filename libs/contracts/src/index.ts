export * from './envelope/event-envelope';
export * from './envelope/event-contract';
export * from './envelope/contract-registry';
export * from './identity/role';
export * from './proposals';
export * from './approvals';
export * from './disbursements';
export * from './identity/user-saved/user-saved.event';
