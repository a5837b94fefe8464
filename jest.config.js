// Jest compiles TypeScript and Nest 12's ESM packages to CommonJS with SWC (see ENGINEERING.md).
const swc = [
  '@swc/jest',
  {
    jsc: {
      target: 'es2023',
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@alur/(config|contracts|database|messaging|observability|health|testing|platform|regions|audit|metrics|jobs)$':
    '<rootDir>/libs/$1/src/index.ts',
};
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: ['/node_modules/(?!(@nestjs|@nats-io)/)'],
  moduleNameMapper,
  testEnvironment: 'node',
};
module.exports = {
  // Integration tests wait for real servers and redeliveries; a unit test finishes long before this.
  testTimeout: 60_000,
  // Two test files at a time: most of an end-to-end test is waiting on PostgreSQL, NATS and the services,
  // so two share the 2-core machine well (Jest's default there is one: 1,250 s of test files took 685 s).
  // Three took as long as two (633 s against 634): the cores were idle 2% of that run, so two is the most
  // this machine gives.
  // Each file has its own schemas, stream and queues, so they cannot see each other.
  maxWorkers: 2,
  // A worker keeps what every test file it ran required: the unit worker's heap reached 1.2 GB by the end of
  // a CI run, where V8 collects on its own terms and the idle collector's test (which measures the heap) met a
  // heap it could not read. A worker past this after a file is replaced before the next.
  workerIdleMemoryLimit: '768MB',
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,bench,test/infra}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,test}/**/*.int-spec.ts', '<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
