import { ActionKeys } from '../lib/action-key';
import { api, ApiError, fileNameOf, isTransient } from './api-client';

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
      localStorage: {
        getItem: (k: string) => store.get(k) ?? null,
        setItem: (k: string, v: string) => store.set(k, v),
        removeItem: (k: string) => store.delete(k),
      },
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

  it("sends a person's second click, after the client gave up, with the first click's key", async () => {
    const keys = new ActionKeys();
    const body = { title: 'Drainase RT 03' };
    const first = gatewayAnswering(504, 504, 504, 504);
    const click = api('POST', '/proposals', { body, idempotencyKey: keys.keyFor(body) });
    const gaveUp = expect(click).rejects.toMatchObject({ status: 504 });
    await jest.advanceTimersByTimeAsync(6_000);
    await gaveUp;
    const second = gatewayAnswering(200);
    await api('POST', '/proposals', { body, idempotencyKey: keys.keyFor(body) });
    expect(new Set([...first, ...second]).size).toBe(1);
    // Done: the same content again is a new proposal, with a new key.
    keys.succeeded();
    const third = gatewayAnswering(200);
    await api('POST', '/proposals', { body, idempotencyKey: keys.keyFor(body) });
    expect(third[0]).not.toBe(first[0]);
  });

  it('tells a failure that may have been carried out (no answer, busy) from an answer', () => {
    expect([0, 502, 503, 504].map((status) => isTransient(new ApiError(status, '')))).toEqual([true, true, true, true]);
    expect([400, 409, 422, 500].map((status) => isTransient(new ApiError(status, '')))).toEqual([false, false, false, false]);
    expect(isTransient(new Error('x'))).toBe(false);
  });
});

describe('the name a downloaded file is saved under', () => {
  it('is the one the gateway gives, quoted or not, and none when it gives none', () => {
    expect(fileNameOf('attachment; filename="pencairan-2027-01-01.xlsx"')).toBe('pencairan-2027-01-01.xlsx');
    expect(fileNameOf('attachment; filename=transparansi.csv')).toBe('transparansi.csv');
    expect(fileNameOf('attachment')).toBe('');
    expect(fileNameOf(null)).toBe('');
  });
});
