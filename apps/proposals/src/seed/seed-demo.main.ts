import 'reflect-metadata';
import { MESSAGING_MIGRATIONS, OutboxService } from '@alur/messaging';
import { baseEnvSchema, parseEnv } from '@alur/config';
import { openServiceDatabase, schemaFor, serviceDataSourceOptions } from '@alur/database';
import { PROPOSALS_ENTITIES, PROPOSALS_MIGRATIONS } from '../database/proposals-schema';
import { seedDemoProgrammes } from './seed-demo-programmes';

/**
 * `node dist/apps/proposals/src/seed/seed-demo.main.js`: brings the proposals schema up to date and
 * seeds the demo programmes. The relay of the running service publishes their events.
 */
async function main(): Promise<void> {
  const env = parseEnv(baseEnvSchema, process.env);
  if (env.NODE_ENV === 'production') throw new Error('The demo programmes are not seeded in production');
  const dataSource = await openServiceDatabase(
    serviceDataSourceOptions({
      url: env.DATABASE_URL,
      schema: schemaFor(env, 'proposals'),
      entities: PROPOSALS_ENTITIES,
      migrations: [...MESSAGING_MIGRATIONS, ...PROPOSALS_MIGRATIONS],
      applicationName: 'alur-proposals-seed',
      poolSize: 2,
    }),
  );
  try {
    const { published, alreadyThere } = await seedDemoProgrammes(dataSource, new OutboxService(env), env);
    process.stdout.write(
      `Demo programmes: ${published.length ? `published ${published.join(', ')}` : 'nothing new'}` +
        `${alreadyThere.length ? `; already there: ${alreadyThere.join(', ')}` : ''}\n`,
    );
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  process.stderr.write(`proposals seed: ${error.message}\n`);
  process.exit(1);
});
