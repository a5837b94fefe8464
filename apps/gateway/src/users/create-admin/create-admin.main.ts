import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { BaseEnv, baseEnvSchema, parseEnv } from '@alur/config';
import { openServiceDatabase, schemaFor, serviceDataSourceOptions } from '@alur/database';
import { MESSAGING_MIGRATIONS, OutboxService } from '@alur/messaging';
import { RegionDirectory } from '@alur/regions';
import { GATEWAY_MIGRATIONS } from '../../migrations/gateway-migrations';
import { AdminRefusedError, createAdmin } from './create-admin';
import { readPassword } from './read-password';

const usage = `Creates an ADMIN account, e.g. the first one of a new installation.

  npm run admin:create -- --username admin.bengkalis --region 14.03 --name "Admin Diskominfo" [--email a@b.go.id]

The password is asked for twice on a terminal, or read from the first line of standard input
(printf '%s\\n' "$PASSWORD" | npm run admin:create -- ...); never give it as an argument.
An existing username is refused. Run it with the gateway's environment (DATABASE_URL, ...).`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      username: { type: 'string' },
      region: { type: 'string' },
      name: { type: 'string' },
      email: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void process.stdout.write(`${usage}\n`);
  if (!values.username || !values.region) throw new AdminRefusedError('--username and --region are required');
  const env: BaseEnv = parseEnv(baseEnvSchema);
  const password = await readPassword();
  const dataSource = await openServiceDatabase(
    serviceDataSourceOptions({
      url: env.DATABASE_URL,
      schema: schemaFor(env, 'gateway'),
      entities: [],
      // The same list, in the same order, as the gateway's ServiceCoreModule runs.
      migrations: [...MESSAGING_MIGRATIONS, ...GATEWAY_MIGRATIONS],
      applicationName: 'alur-admin-create',
      poolSize: 2,
    }),
  );
  try {
    // No relay runs here: the gateway's relay publishes the UserSaved event when it runs.
    const user = await createAdmin(dataSource, RegionDirectory.shared(), new OutboxService(env), {
      username: values.username,
      regionCode: values.region,
      displayName: values.name ?? `Administrator ${values.region}`,
      password,
      email: values.email,
    });
    process.stdout.write(
      `ADMIN ${user.username} created for region ${user.regionCode} (id ${user.id}); log in with POST /api/v1/auth/login\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  const known = error instanceof AdminRefusedError;
  process.stderr.write(`admin:create: ${error.message}\n${known && /required/.test(error.message) ? `\n${usage}\n` : ''}`);
  process.exit(known ? 2 : 1);
});
