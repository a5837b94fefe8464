export * from './request-contract';
export * from './request-fields';
export * from './parse-request';
