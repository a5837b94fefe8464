import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_ENV, BaseEnv, SERVICE_NAME, ServiceName } from '@alur/config';
import { EntitySchema, MixedList } from 'typeorm';
import { openServiceDatabase, serviceDataSourceOptions, ServiceDataSourceOptions } from './database-bootstrap';

export interface DatabaseModuleOptions {
  entities: MixedList<Function | string | EntitySchema>;
  migrations: Array<new () => unknown>;
}

export function schemaFor(env: Pick<BaseEnv, 'DB_SCHEMA_PREFIX'>, service: string): string {
  return `${env.DB_SCHEMA_PREFIX}${service}`;
}

/** Each service owns one PostgreSQL schema, created and migrated when the service starts. */
@Module({})
export class DatabaseModule {
  static forService(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [APP_ENV, SERVICE_NAME],
          useFactory: (env: BaseEnv, service: ServiceName) => ({
            ...serviceDataSourceOptions({
              url: env.DATABASE_URL,
              schema: schemaFor(env, service),
              entities: options.entities,
              migrations: options.migrations,
              applicationName: `alur-${service}`,
            }),
            retryAttempts: 5,
            retryDelay: 1000,
          }),
          dataSourceFactory: (dataSourceOptions) => openServiceDatabase(dataSourceOptions as ServiceDataSourceOptions),
        }),
      ],
    };
  }
}
