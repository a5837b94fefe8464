export * from './request-contract';
export * from './request-fields';
