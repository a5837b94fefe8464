import { baseEnvSchema, parseEnv } from '@alur/config';
import { createTestIsolation } from './test-isolation';

describe('createTestIsolation', () => {
  it('gives each run its own schema, stream, subjects and queues', () => {
    const [a, b] = [createTestIsolation().env, createTestIsolation().env];
    for (const name of ['DB_SCHEMA_PREFIX', 'NATS_STREAM', 'NATS_SUBJECT_PREFIX', 'QUEUE_PREFIX']) expect(a[name]).not.toBe(b[name]);
  });

  it('sends a run’s e-mail to no server but one the test starts, never to the demo’s mail catcher', () => {
    const demo = parseEnv(baseEnvSchema, { NODE_ENV: 'test' }).SMTP_URL;
    expect(parseEnv(baseEnvSchema, createTestIsolation().env).SMTP_URL).not.toBe(demo);
    expect(createTestIsolation({ SMTP_URL: 'smtp://127.0.0.1:40125' }).env.SMTP_URL).toBe('smtp://127.0.0.1:40125');
  });
});
