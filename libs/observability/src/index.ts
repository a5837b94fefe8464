export * from './observability.module';
export * from './tracing';
export * from './tracing-setup';
export * from './http-tracing';
