import { DataSource } from 'typeorm';
import { BaseEnv } from '@alur/config';
import { openServiceDatabase, schemaFor, serviceDataSourceOptions } from '@alur/database';
import { BenchTables1763900000101 } from './bench-tables.migration';

/** A plain TypeORM data source on its own schema, for the plain path's producer or consumer. */
export function openPlainDatabase(env: BaseEnv, name: string): Promise<DataSource> {
  return openServiceDatabase(
    serviceDataSourceOptions({
      url: env.DATABASE_URL,
      schema: schemaFor(env, name),
      entities: [],
      migrations: [BenchTables1763900000101],
      applicationName: `bench-${name}`,
    }),
  );
}
