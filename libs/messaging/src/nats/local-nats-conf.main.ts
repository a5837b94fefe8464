import { writeFileSync } from 'node:fs';
import { natsAuthorizationConf, NATS_SERVICE_USERS, NatsServiceUser } from './nats-permissions';

/**
 * `npm start`'s own nats-server configuration: the deployments' users and per-service permissions
 * (natsAuthorizationConf), with the passwords npm start generated for this machine, so a local run
 * refuses a client without a service's credentials just as production does.
 *
 *   node local-nats-conf.main.js <file> <port> <store_dir>   (passwords from NATS_<SERVICE>_PASSWORD)
 */
function main(): void {
  const [file, port, storeDir] = process.argv.slice(2);
  if (!file || !/^\d+$/.test(port ?? '') || !storeDir) {
    console.error('usage: local-nats-conf.main.js <file> <port> <store_dir>');
    process.exit(2);
  }
  const passwordOf = (service: NatsServiceUser) => {
    const password = process.env[`NATS_${service.toUpperCase()}_PASSWORD`];
    if (!password) throw new Error(`NATS_${service.toUpperCase()}_PASSWORD is not set`);
    return JSON.stringify(password);
  };
  for (const service of NATS_SERVICE_USERS) passwordOf(service);
  const prefix = process.env.NATS_SUBJECT_PREFIX ?? 'alur';
  const stream = process.env.NATS_STREAM ?? 'ALUR';
  writeFileSync(
    file,
    [
      `host: 127.0.0.1`,
      `port: ${port}`,
      `max_payload: 1MB`,
      `jetstream { store_dir: ${JSON.stringify(storeDir)}, max_memory_store: 256MB, max_file_store: 2GB }`,
      natsAuthorizationConf(prefix, stream, passwordOf),
    ].join('\n'),
    { mode: 0o600 },
  );
}

main();
