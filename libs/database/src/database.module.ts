import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_ENV, BaseEnv, SERVICE_NAME, ServiceName } from '@alur/config';
import { EntitySchema, MixedList } from 'typeorm';
import { openServiceDatabase, serviceDataSourceOptions, ServiceDataSourceOptions, warnWithoutAutovacuum } from './database-bootstrap';
import { IdempotentRequests } from './idempotency/idempotent-execution';

export interface DatabaseModuleOptions {
  entities: MixedList<Function | string | EntitySchema>;
  migrations: Array<new () => unknown>;
}

export function schemaFor(env: Pick<BaseEnv, 'DB_SCHEMA_PREFIX'>, service: string): string {
  return `${env.DB_SCHEMA_PREFIX}${service}`;
}

/** The service's entities and migrations, for the TypeORM root below. */
const DATABASE_MODULE_OPTIONS = Symbol('DatabaseModuleOptions');

/**
 * The TypeORM root, defined once for the process. @nestjs/typeorm registers the data source's name each time
 * TypeOrmModule.forRoot/forRootAsync is called and warns ("A data source with the default name is already
 * registered") on a second call before an app using the first shuts down. A service's metadata is built when its
 * module is imported and again by its forRoot(env), and tests run several services in one process, so a call per
 * forService() warned where nothing was wrong. Defined once, the name is registered once, and a second default
 * data source declared anywhere else still warns. Each app still opens its own data source: the factory runs in
 * each app, with that app's environment, service name and options.
 */
const TYPEORM_ROOT = TypeOrmModule.forRootAsync({
  inject: [APP_ENV, SERVICE_NAME, DATABASE_MODULE_OPTIONS],
  useFactory: (env: BaseEnv, service: ServiceName, options: DatabaseModuleOptions) => ({
    ...serviceDataSourceOptions({
      url: env.DATABASE_URL,
      schema: schemaFor(env, service),
      entities: options.entities,
      migrations: options.migrations,
      applicationName: `alur-${service}`,
      preparedStatements: env.DB_PREPARED_STATEMENTS,
      poolSize: env.DB_POOL_SIZE,
      poolIdleTimeoutMs: env.DB_POOL_IDLE_TIMEOUT_MS,
    }),
    retryAttempts: 5,
    retryDelay: 1000,
  }),
  dataSourceFactory: async (dataSourceOptions) => {
    const options = dataSourceOptions as ServiceDataSourceOptions;
    const dataSource = await openServiceDatabase(options);
    await warnWithoutAutovacuum(dataSource, options.schema);
    return dataSource;
  },
});

/** Each service owns one PostgreSQL schema, created and migrated when the service starts. */
@Module({})
export class DatabaseModule {
  static forService(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      // Global so that the TypeORM root, defined once above, reads this service's options, and so that the
      // service's interceptors (libs/messaging's, the gateway's) share one IdempotentRequests.
      global: true,
      imports: [TYPEORM_ROOT],
      providers: [{ provide: DATABASE_MODULE_OPTIONS, useValue: options }, IdempotentRequests],
      exports: [DATABASE_MODULE_OPTIONS, IdempotentRequests],
    };
  }
}
