import { assertDemoSeedAllowed } from './demo-seed-refused.error';
import { seedDemoProposals } from './demo-proposals';

/**
 * `node dist/apps/gateway/src/seed/demo-proposals.main.js <gateway URL>`: once the services are up, makes the demo's
 * proposals through the public API (`npm start` runs it; a proposal already there is left as it is).
 */
async function main(): Promise<void> {
  assertDemoSeedAllowed(process.env.NODE_ENV);
  const baseUrl = process.argv[2];
  if (!baseUrl) throw new Error('usage: demo-proposals.main.js <gateway URL>');
  const { made, kept } = await seedDemoProposals(baseUrl);
  process.stdout.write(
    made > 0
      ? `Demo proposals ready: ${made} in Kecamatan Mandau, each waiting where a demo login finds it.\n`
      : `Demo proposals: the ${kept} of Kecamatan Mandau are there already.\n`,
  );
}

main().catch((error: Error) => {
  process.stderr.write(`demo-proposals: ${error.message}\n`);
  process.exit(1);
});
