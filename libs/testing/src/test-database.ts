import { DataSource } from 'typeorm';
import { openServiceDatabase, ServiceDatabaseOptions, serviceDataSourceOptions } from '@alur/database';
import { TestIsolation } from './test-isolation';

/**
 * A library's integration test database: the schema `<run prefix><name>` on the run's database, migrated
 * as a service's would be, with no entities (the tests speak SQL). Removed with the run's other resources.
 */
export function openTestDatabase(
  isolation: TestIsolation,
  name: string,
  options: Partial<Pick<ServiceDatabaseOptions, 'migrations' | 'poolIdleTimeoutMs'>> & { applicationName: string },
): Promise<DataSource> {
  return openServiceDatabase(
    serviceDataSourceOptions({
      url: isolation.env.DATABASE_URL!,
      schema: `${isolation.env.DB_SCHEMA_PREFIX}${name}`,
      entities: [],
      migrations: options.migrations ?? [],
      applicationName: options.applicationName,
      poolIdleTimeoutMs: options.poolIdleTimeoutMs,
    }),
  );
}
