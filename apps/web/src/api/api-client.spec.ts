import { api, ApiError } from './api-client';

/** The gateway as the phone meets it: answers queued one per request. */
function gatewayAnswering(...answers: Array<number | 'offline'>) {
  const calls: string[] = [];
  globalThis.fetch = (async (url: string, init?: RequestInit) => {
    const key = (init?.headers as Record<string, string> | undefined)?.['Idempotency-Key'];
    calls.push(`${init?.method} ${url}${key ? ` key ${key}` : ''}`);
    const next = answers.shift();
    if (next === 'offline' || next === undefined) throw new TypeError('Failed to fetch');
    return new Response(next === 200 ? JSON.stringify({ ok: true }) : JSON.stringify({ statusCode: next, message: 'busy' }), {
      status: next,
      headers: { 'content-type': 'application/json' },
    });
  }) as typeof fetch;
  return calls;
}

describe('the console API client', () => {
  beforeAll(() => {
    const store = new Map<string, string>();
    Object.assign(globalThis, {
      localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => store.set(k, v), removeItem: (k: string) => store.delete(k) },
    });
  });
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('asks again when a reading meets a dropped connection or a busy gateway, and gets the answer', async () => {
    const calls = gatewayAnswering('offline', 504, 200);
    const answer = api<{ ok: boolean }>('GET', '/programmes');
    await jest.advanceTimersByTimeAsync(2_000);
    await expect(answer).resolves.toEqual({ ok: true });
    expect(calls).toEqual(['GET /api/v1/programmes', 'GET /api/v1/programmes', 'GET /api/v1/programmes']);
  });

  it('gives up on a reading after four tries, with the last failure', async () => {
    const calls = gatewayAnswering(503, 503, 503, 504);
    const answer = api('GET', '/programmes');
    const failed = expect(answer).rejects.toMatchObject({ status: 504 });
    await jest.advanceTimersByTimeAsync(6_000);
    await failed;
    expect(calls).toHaveLength(4);
  });

  it('sends a write again after a dropped answer with the same Idempotency-Key, so the gateway does it once', async () => {
    const writes = gatewayAnswering(504, 'offline', 200);
    const answer = api('POST', '/proposals', { body: {} });
    await jest.advanceTimersByTimeAsync(2_000);
    await expect(answer).resolves.toEqual({ ok: true });
    expect(writes).toHaveLength(3);
    expect(new Set(writes).size).toBe(1);
    expect(writes[0]).toMatch(/^POST \/api\/v1\/proposals key [0-9a-f]{32}$/);
    // Another action is another key.
    gatewayAnswering(200);
    await api('POST', '/proposals', { body: {} });
    const next = gatewayAnswering(200);
    await api('POST', '/proposals', { body: {}, idempotencyKey: 'simpan-1' });
    expect(next).toEqual(['POST /api/v1/proposals key simpan-1']);
  });

  it('asks nothing again after a refusal', async () => {
    const writes = gatewayAnswering(409);
    await expect(api('POST', '/proposals', { body: {} })).rejects.toBeInstanceOf(ApiError);
    expect(writes).toHaveLength(1);
    const reads = gatewayAnswering(404);
    await expect(api('GET', '/proposals/x')).rejects.toMatchObject({ status: 404 });
    expect(reads).toHaveLength(1);
  });
});
