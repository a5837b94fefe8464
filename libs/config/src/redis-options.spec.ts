import { redisOptionsOf } from './redis-options';
import { baseEnvSchema, ConfigValidationError, parseEnv } from './service-config';

const envOf = (vars: Record<string, string>) => parseEnv(baseEnvSchema, { NODE_ENV: 'test', ...vars });

describe('redisOptionsOf', () => {
  it('connects straight to REDIS_URL: host, port, user, password, database and TLS', () => {
    expect(redisOptionsOf(envOf({}))).toEqual({ host: '127.0.0.1', port: 6379, db: 0 });
    expect(redisOptionsOf(envOf({ REDIS_URL: 'rediss://alur:s%40cret@redis.example:6380/2' }))).toEqual({
      host: 'redis.example',
      port: 6380,
      username: 'alur',
      password: 's@cret',
      db: 2,
      tls: {},
    });
    expect(redisOptionsOf(envOf({ REDIS_URL: 'redis://[::1]:6379' })).host).toBe('::1');
  });

  it("asks the sentinels for the named master, with the credentials of REDIS_URL and the sentinels' own password", () => {
    const env = envOf({
      REDIS_URL: 'redis://:master-pass@ignored-host:6379/1',
      REDIS_SENTINELS: 'redis-0.redis:26379, redis-1.redis:26379,[fd00::3]:26380',
      REDIS_SENTINEL_NAME: 'alur-redis',
      REDIS_SENTINEL_PASSWORD: 'sentinel-pass',
    });
    expect(redisOptionsOf(env)).toEqual({
      sentinels: [
        { host: 'redis-0.redis', port: 26379 },
        { host: 'redis-1.redis', port: 26379 },
        { host: 'fd00::3', port: 26380 },
      ],
      name: 'alur-redis',
      sentinelPassword: 'sentinel-pass',
      password: 'master-pass',
      db: 1,
    });
  });

  it("adds each connection's own options on top", () => {
    const env = envOf({ REDIS_SENTINELS: '127.0.0.1:26379', REDIS_SENTINEL_NAME: 'm' });
    expect(redisOptionsOf(env, { maxRetriesPerRequest: null, lazyConnect: true })).toMatchObject({
      name: 'm',
      maxRetriesPerRequest: null,
      lazyConnect: true,
    });
  });

  it('refuses sentinels without a master name, and a sentinel that is not host:port', () => {
    expect(() => envOf({ REDIS_SENTINELS: '127.0.0.1:26379' })).toThrow(/REDIS_SENTINEL_NAME: is required with REDIS_SENTINELS/);
    const bad = () => envOf({ REDIS_SENTINELS: 'a:26379,b', REDIS_SENTINEL_NAME: 'm' });
    expect(bad).toThrow(ConfigValidationError);
    expect(bad).toThrow(/REDIS_SENTINELS: must be host:port/);
    expect(() => envOf({ REDIS_SENTINELS: 'a:70000', REDIS_SENTINEL_NAME: 'm' })).toThrow(/REDIS_SENTINELS/);
  });
});
