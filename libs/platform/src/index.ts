export * from './service-core.module';
export * from './start-service';
export * from './system-ping';
export * from './audit-trail-rpc.module';
export * from './with-environment';
export * from './idle-heap-collector';
