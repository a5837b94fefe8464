export * from './figure.provider';
export * from './metric-names';
export * from './metrics-port';
export * from './metrics-server';
export * from './metrics.module';
export * from './request-metrics';
export * from './spine-event-metrics';
export * from './timer-metrics';
