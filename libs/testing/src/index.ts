export * from './test-isolation';
export * from './expect-eventually';
export * from './test-resources';
export * from './tiny-png';
export * from './fiscal-year';
export * from './pdf-text';
export * from './free-port';
export * from './stand-ins';
