import 'reflect-metadata';
import { BaseEnv, baseEnvSchema, parseEnv } from '@alur/config';
import { openServiceDatabase, schemaFor, serviceDataSourceOptions } from '@alur/database';
import { MESSAGING_MIGRATIONS, OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { GATEWAY_MIGRATIONS } from '../migrations/gateway-migrations';
import { assertDemoSeedAllowed } from './demo-seed-refused.error';
import { seedDemoUsers } from './seed-demo-users';

/**
 * `node dist/apps/gateway/src/seed/seed-demo.main.js`: creates the demo regency's users in the
 * gateway's schema (migrating it first, as the gateway would) and prints how to log in.
 */
async function main(): Promise<void> {
  // Checked before the environment is validated: the refusal must not depend on anything else being right.
  assertDemoSeedAllowed(process.env.NODE_ENV);
  const env: BaseEnv = parseEnv(baseEnvSchema);
  const dataSource = await openServiceDatabase(
    serviceDataSourceOptions({
      url: env.DATABASE_URL,
      schema: schemaFor(env, 'gateway'),
      entities: [],
      // The same list, in the same order, as the gateway's ServiceCoreModule runs.
      migrations: [...MESSAGING_MIGRATIONS, ...GATEWAY_MIGRATIONS],
      applicationName: 'alur-gateway-seed',
      poolSize: 2,
    }),
  );
  try {
    // No relay runs here: the gateway's relay publishes the recorded events when it starts (or at once, if running).
    const { users } = await seedDemoUsers(dataSource, RegionDirectory.shared(), new OutboxService(env));
    // One line: `npm start`, which runs this, ends with the addresses and the logins to try.
    process.stdout.write(`Demo users ready: ${users} in Kabupaten Bengkalis (14.03), all with the password alur-demo.\n`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`seed-demo: ${error.message}\n`);
  process.exit(1);
});
