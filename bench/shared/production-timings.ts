/**
 * What the benches put back over the tests' isolation (createTestIsolation), which shortens these for
 * speed: the relay woken by NOTIFY rather than a fast poll, production's retry and ack waits, and the
 * pool's idle time as set here or else the services' own default (an undefined value is not passed on).
 */
export function productionTimings(): NodeJS.ProcessEnv {
  return {
    OUTBOX_POLL_INTERVAL_MS: '1000',
    CONSUMER_RETRY_BASE_MS: '1000',
    CONSUMER_ACK_WAIT_MS: '30000',
    DB_POOL_IDLE_TIMEOUT_MS: process.env.DB_POOL_IDLE_TIMEOUT_MS,
  };
}
