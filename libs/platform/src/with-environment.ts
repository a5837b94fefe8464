import { DynamicModule, Module, ModuleMetadata } from '@nestjs/common';

/**
 * A service's module built with `env` in place of process.env, so that tests can run several services
 * in one process, each against its own isolation. `metadata` is the function the module's own
 * `@Module(...)` is built from, so both stay the same service.
 */
export function withEnvironment(metadata: (env?: NodeJS.ProcessEnv) => ModuleMetadata, env: NodeJS.ProcessEnv): DynamicModule {
  @Module({})
  class ServiceWithEnvironmentModule {}
  return { module: ServiceWithEnvironmentModule, ...metadata(env) };
}
