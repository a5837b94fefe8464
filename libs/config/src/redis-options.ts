import type { RedisOptions } from 'ioredis';
import { BaseEnv, parseHostPort } from './service-config';

export type RedisEnv = Pick<BaseEnv, 'REDIS_URL' | 'REDIS_SENTINELS' | 'REDIS_SENTINEL_NAME' | 'REDIS_SENTINEL_PASSWORD'>;

/** ioredis options that BullMQ's `connection` also takes (BullMQ's retryStrategy may not be null). */
export type ServiceRedisOptions = Omit<RedisOptions, 'retryStrategy'> & { retryStrategy?: (times: number) => number | void | null };

/**
 * The one place that turns the environment into ioredis options, for every connection a service makes
 * (BullMQ queues and workers, login throttling, health): straight to REDIS_URL, or through the
 * sentinels of REDIS_SENTINELS to their current master, so that a failover needs no change anywhere.
 * `extra` adds what a connection needs of its own (`maxRetriesPerRequest: null` for BullMQ workers).
 */
export function redisOptionsOf(env: RedisEnv, extra: ServiceRedisOptions = {}): ServiceRedisOptions {
  const url = new URL(env.REDIS_URL);
  const credentials: ServiceRedisOptions = {
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    db: Number(url.pathname.slice(1) || 0),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
  if (env.REDIS_SENTINELS) {
    return {
      sentinels: env.REDIS_SENTINELS.split(',').map((entry) => parseHostPort(entry.trim())!),
      name: env.REDIS_SENTINEL_NAME,
      ...(env.REDIS_SENTINEL_PASSWORD ? { sentinelPassword: env.REDIS_SENTINEL_PASSWORD } : {}),
      ...credentials,
      ...extra,
    };
  }
  return { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 6379), ...credentials, ...extra };
}
