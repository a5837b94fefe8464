import { parseArgs } from 'node:util';
import { baseEnvSchema, natsAuthOf, parseEnv, SERVICE_PORTS, ServiceName } from '@alur/config';
import { connectNats, republishOutboxRange, wakeOutboxRelays } from '@alur/messaging';
import { openServiceSchema } from './service-schema';

const usage = `Re-publishes the outbox events a service published in a time range.

  npm run outbox:republish -- --service proposals --from 2026-11-23T00:00:00+07:00 --to 2026-11-23T12:00:00+07:00

The service's relay publishes them again within a second if it runs (within OUTBOX_POLL_INTERVAL_MS × 10
if NATS cannot be reached from here), or when it next starts.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { service: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, help: { type: 'boolean' } },
  });
  if (values.help) return void console.log(usage);
  const service = values.service as ServiceName;
  if (!service || !(service in SERVICE_PORTS)) throw new Error(`--service must be one of ${Object.keys(SERVICE_PORTS).join(', ')}`);
  const from = new Date(values.from ?? '');
  const to = new Date(values.to ?? '');
  if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) throw new Error('--from and --to must be ISO 8601 times');

  const env = parseEnv(baseEnvSchema);
  const dataSource = await openServiceSchema(env, service, 'alur-outbox-republish');
  try {
    const count = await republishOutboxRange(dataSource, from, to);
    console.log(`${count} ${service} event(s) published from ${from.toISOString()} to ${to.toISOString()} queued for re-publishing`);
    // Run with the service's environment, it may send the service's wake-up (its NATS user's subjects).
    try {
      const nats = await connectNats(env.NATS_URL, 'alur-outbox-republish', natsAuthOf(env));
      await wakeOutboxRelays(nats, env.NATS_SUBJECT_PREFIX, service).finally(() => nats.nc.close());
    } catch (error) {
      console.warn(`Could not wake the relays through NATS (${(error as Error).message}): they publish the events at their next poll.`);
    }
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`outbox:republish: ${error.message}\n\n${usage}`);
  process.exit(1);
});
