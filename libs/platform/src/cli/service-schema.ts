import { DataSource } from 'typeorm';
import { BaseEnv, ServiceName } from '@alur/config';
import { schemaFor, serviceDataSourceOptions } from '@alur/database';

/**
 * A service's schema opened by an operator's command, as it is: no migrations run and nothing created
 * (a command reads or repairs what the service wrote, never shapes it).
 */
export async function openServiceSchema(env: BaseEnv, service: ServiceName, applicationName: string): Promise<DataSource> {
  const dataSource = new DataSource(
    serviceDataSourceOptions({ url: env.DATABASE_URL, schema: schemaFor(env, service), entities: [], migrations: [], applicationName }),
  );
  await dataSource.initialize();
  return dataSource;
}
