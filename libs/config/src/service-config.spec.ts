import { z } from 'zod';
import { baseEnvSchema, ConfigValidationError, parseEnv, portOf } from './service-config';

describe('parseEnv', () => {
  it('gives defaults that reach the local servers', () => {
    const env = parseEnv(baseEnvSchema, {});
    expect(env.DATABASE_URL).toBe('postgres://postgres@127.0.0.1:5432/alur');
    expect(env.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(env.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(portOf(env, 'gateway')).toBe(3000);
    expect(portOf(env, 'notifications')).toBe(3004);
  });

  it('lets each port be overridden', () => {
    expect(portOf(parseEnv(baseEnvSchema, { APPROVALS_PORT: '4102' }), 'approvals')).toBe(4102);
  });

  it('names every bad variable and why', () => {
    const attempt = () =>
      parseEnv(baseEnvSchema, { DATABASE_URL: 'mysql://x', PROPOSALS_PORT: 'abc', NATS_STREAM: 'a.b' });
    expect(attempt).toThrow(ConfigValidationError);
    expect(attempt).toThrow(/DATABASE_URL: must be a URL starting with postgres:\/\/ or postgresql:\/\//);
    expect(attempt).toThrow(/PROPOSALS_PORT/);
    expect(attempt).toThrow(/NATS_STREAM: may hold only letters, digits and _/);
  });

  it('names a missing required variable', () => {
    const schema = baseEnvSchema.extend({ JWT_SECRET: z.string().min(16) });
    expect(() => parseEnv(schema, {})).toThrow(/JWT_SECRET/);
  });
});
