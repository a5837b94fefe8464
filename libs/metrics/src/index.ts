export * from './figure.provider';
export * from './metric-names';
export * from './metrics-port';
export * from './metrics-server';
export * from './metrics.module';
export * from './request-metrics';
