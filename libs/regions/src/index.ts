export * from './region';
export * from './region-directory';
export * from './regions.module';
export * from './unknown-region.error';
export * from './demo-regency.constant';
export * from './idn-area-data.source';
export * from './village-location';
