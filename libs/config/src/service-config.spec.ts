import { z } from 'zod';
import { baseEnvSchema, ConfigValidationError, jwtSecretOf, natsAuthOf, parseEnv, portOf } from './service-config';

describe('parseEnv', () => {
  it('gives defaults that reach the local servers', () => {
    const env = parseEnv(baseEnvSchema, { NODE_ENV: 'test' });
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/alur');
    expect(env.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(portOf(env, 'gateway')).toBe(3000);
    expect(portOf(env, 'notifications')).toBe(3004);
  });

  it('keeps the regency in WIB unless told otherwise, and refuses a time zone that does not exist', () => {
    expect(parseEnv(baseEnvSchema, { NODE_ENV: 'test' }).TIMEZONE).toBe('Asia/Jakarta');
    expect(parseEnv(baseEnvSchema, { NODE_ENV: 'test', TIMEZONE: 'Asia/Makassar' }).TIMEZONE).toBe('Asia/Makassar');
    expect(() => parseEnv(baseEnvSchema, { NODE_ENV: 'test', TIMEZONE: 'WITA' })).toThrow(/TIMEZONE: must be an IANA time zone/);
  });

  it('lets each port be overridden', () => {
    expect(portOf(parseEnv(baseEnvSchema, { NODE_ENV: 'test', APPROVALS_PORT: '4102' }), 'approvals')).toBe(4102);
  });

  it('opens at most 10 connections per replica unless told otherwise, and refuses a pool of none', () => {
    expect(parseEnv(baseEnvSchema, { NODE_ENV: 'test' }).DB_POOL_SIZE).toBe(10);
    expect(parseEnv(baseEnvSchema, { NODE_ENV: 'test', DB_POOL_SIZE: '5' }).DB_POOL_SIZE).toBe(5);
    expect(() => parseEnv(baseEnvSchema, { NODE_ENV: 'test', DB_POOL_SIZE: '0' })).toThrow(/DB_POOL_SIZE/);
  });

  it('keeps an idle pooled connection 5 minutes unless told otherwise, or for good with 0', () => {
    expect(parseEnv(baseEnvSchema, { NODE_ENV: 'test' }).DB_POOL_IDLE_TIMEOUT_MS).toBe(300_000);
    expect(parseEnv(baseEnvSchema, { NODE_ENV: 'test', DB_POOL_IDLE_TIMEOUT_MS: '0' }).DB_POOL_IDLE_TIMEOUT_MS).toBe(0);
    expect(() => parseEnv(baseEnvSchema, { NODE_ENV: 'test', DB_POOL_IDLE_TIMEOUT_MS: '-1' })).toThrow(/DB_POOL_IDLE_TIMEOUT_MS/);
  });

  it('gives /health 1.5 s per dependency unless told otherwise, and refuses a timeout too short to mean anything', () => {
    expect(parseEnv(baseEnvSchema, { NODE_ENV: 'test' }).HEALTH_CHECK_TIMEOUT_MS).toBe(1500);
    expect(parseEnv(baseEnvSchema, { NODE_ENV: 'test', HEALTH_CHECK_TIMEOUT_MS: '10000' }).HEALTH_CHECK_TIMEOUT_MS).toBe(10000);
    expect(() => parseEnv(baseEnvSchema, { NODE_ENV: 'test', HEALTH_CHECK_TIMEOUT_MS: '50' })).toThrow(/HEALTH_CHECK_TIMEOUT_MS/);
  });

  it('names every bad variable and why', () => {
    const attempt = () => parseEnv(baseEnvSchema, { DATABASE_URL: 'mysql://x', PROPOSALS_PORT: 'abc', NATS_STREAM: 'a.b' });
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\//);
    expect(attempt).toThrow(/PROPOSALS_PORT/);
    expect(attempt).toThrow(/NATS_STREAM: may hold only letters, digits and _/);
  });

  it('limits acting appointments to 90 days and flags photos beyond 25 km or 30 days unless told otherwise, refusing nonsense at start-up', () => {
    const env = parseEnv(baseEnvSchema, { NODE_ENV: 'test' });
    expect([env.ACTING_APPOINTMENT_MAX_DAYS, env.PHOTO_MAX_DISTANCE_KM, env.PHOTO_MAX_AGE_DAYS]).toEqual([90, 25, 30]);
    expect(parseEnv(baseEnvSchema, { NODE_ENV: 'test', ACTING_APPOINTMENT_MAX_DAYS: '30', PHOTO_MAX_DISTANCE_KM: '7.5' })).toMatchObject({
      ACTING_APPOINTMENT_MAX_DAYS: 30,
      PHOTO_MAX_DISTANCE_KM: 7.5,
    });
    const attempt = () =>
      parseEnv(baseEnvSchema, {
        NODE_ENV: 'test',
        ACTING_APPOINTMENT_MAX_DAYS: '0',
        PHOTO_MAX_DISTANCE_KM: '-1',
        PHOTO_MAX_AGE_DAYS: 'lama',
      });
    expect(attempt).toThrow(/ACTING_APPOINTMENT_MAX_DAYS/);
    expect(attempt).toThrow(/PHOTO_MAX_DISTANCE_KM/);
    expect(attempt).toThrow(/PHOTO_MAX_AGE_DAYS/);
  });

  it('names a missing required variable', () => {
    const schema = baseEnvSchema.extend({ SMS_GATEWAY_TOKEN: z.string().min(16) });
    expect(() => parseEnv(schema, {})).toThrow(/SMS_GATEWAY_TOKEN/);
  });

  it('requires a JWT_SECRET of at least 32 characters everywhere but in tests, which alone have a known one', () => {
    expect(() => parseEnv(baseEnvSchema, { NODE_ENV: 'production' })).toThrow(/JWT_SECRET: is required in production/);
    expect(() => parseEnv(baseEnvSchema, {})).toThrow(
      /JWT_SECRET: is required outside tests \(npm start generates one in \.alur\/secrets\.env\)/,
    );
    expect(() => parseEnv(baseEnvSchema, { NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/JWT_SECRET: must be at least 32/);
    const secret = 'a'.repeat(32);
    expect(parseEnv(baseEnvSchema, { NODE_ENV: 'production', JWT_SECRET: secret }).JWT_SECRET).toBe(secret);
    const test = parseEnv(baseEnvSchema, { NODE_ENV: 'test' });
    expect(jwtSecretOf(test).length).toBeGreaterThanOrEqual(32);
    expect(jwtSecretOf(parseEnv(baseEnvSchema, { JWT_SECRET: secret }))).toBe(secret);
    expect(test.JWT_TTL_SECONDS).toBe(3600);
  });

  it('takes a NATS user and password together or not at all, and connects with them', () => {
    const test = { NODE_ENV: 'test' };
    expect(() => parseEnv(baseEnvSchema, { ...test, NATS_USER: 'proposals' })).toThrow(/NATS_PASSWORD: is required with the other/);
    expect(() => parseEnv(baseEnvSchema, { ...test, NATS_PASSWORD: 'secret' })).toThrow(/NATS_USER: is required with the other/);
    expect(() => parseEnv(baseEnvSchema, { ...test, NATS_USER: 'a b', NATS_PASSWORD: 'secret' })).toThrow(
      /NATS_USER: must be a NATS user name/,
    );
    expect(natsAuthOf(parseEnv(baseEnvSchema, { ...test, NATS_USER: 'proposals', NATS_PASSWORD: 'secret' }))).toEqual({
      user: 'proposals',
      pass: 'secret',
    });
    expect(natsAuthOf(parseEnv(baseEnvSchema, test))).toEqual({});
  });
});
