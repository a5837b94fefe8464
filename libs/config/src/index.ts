export * from './service-config';
export * from './config.module';
export * from './redis-options';
