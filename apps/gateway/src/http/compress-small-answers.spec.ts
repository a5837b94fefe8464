import { request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import compression from 'compression';
import express from 'express';
import { COMPRESS_AT_ONCE_UP_TO_BYTES, COMPRESS_FROM_BYTES, compressSmallAnswers } from './compress-small-answers';

/** A list of proposals as the API answers one, of about `bytes` of JSON. */
function answerOf(bytes: number) {
  const items: Array<{ id: number; title: string; status: string; amount: number }> = [];
  while (JSON.stringify({ items }).length < bytes) {
    items.push({ id: items.length, title: `Perbaikan drainase RW ${items.length}`, status: 'IN_REVIEW', amount: 150_000_000 });
  }
  return { items };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as sent, not decoded. */
  raw: Buffer;
}

describe('compressSmallAnswers (with `compression` behind it, as the gateway has them)', () => {
  let server: Server;
  const small = answerOf(COMPRESS_FROM_BYTES - 200);
  const moderate = answerOf(4_000);
  const large = answerOf(COMPRESS_AT_ONCE_UP_TO_BYTES + 10_000);

  beforeAll(async () => {
    const app = express();
    app.use(compressSmallAnswers());
    app.use(compression());
    app.get('/small', (_req, res) => res.json(small));
    app.get('/moderate', (_req, res) => res.json(moderate));
    app.get('/large', (_req, res) => res.json(large));
    app.get('/text', (_req, res) => res.type('text/plain').send('Usulan menunggu keputusan Anda. '.repeat(100)));
    app.get('/no-transform', (_req, res) => res.set('Cache-Control', 'no-transform').json(moderate));
    app.get('/created', (_req, res) => res.status(201).json(moderate));
    await new Promise<void>((resolve) => (server = app.listen(0, '127.0.0.1', () => resolve())));
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function get(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<Answer> {
    const { port } = server.address() as AddressInfo;
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, path, method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, raw: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('sends a moderate JSON answer gzip- or brotli-compressed as the client asks, with its length, type and Vary', async () => {
    const gzip = await get('/moderate', { 'accept-encoding': 'gzip' });
    expect([gzip.status, gzip.headers['content-encoding'], gzip.headers['content-type']]).toEqual([
      200,
      'gzip',
      'application/json; charset=utf-8',
    ]);
    expect(gzip.headers.vary).toMatch(/Accept-Encoding/);
    expect(Number(gzip.headers['content-length'])).toBe(gzip.raw.length);
    expect(gzip.raw.length).toBeLessThan(JSON.stringify(moderate).length / 4);
    expect(JSON.parse(gunzipSync(gzip.raw).toString('utf8'))).toEqual(moderate);

    const br = await get('/moderate', { 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.raw).toString('utf8'))).toEqual(moderate);

    const created = await get('/created', { 'accept-encoding': 'gzip' });
    expect([created.status, created.headers['content-encoding']]).toEqual([201, 'gzip']);
    expect(JSON.parse(gunzipSync(created.raw).toString('utf8'))).toEqual(moderate);
  });

  it('follows the order and weights of Accept-Encoding, and sends plain bytes to a client that asks for none', async () => {
    expect((await get('/moderate', { 'accept-encoding': 'br;q=0.5, gzip' })).headers['content-encoding']).toBe('gzip');
    expect((await get('/moderate', { 'accept-encoding': 'gzip;q=0.1, br' })).headers['content-encoding']).toBe('br');
    const askingForNone: Array<Record<string, string>> = [{}, { 'accept-encoding': 'identity' }];
    for (const headers of askingForNone) {
      const plain = await get('/moderate', headers);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(JSON.parse(plain.raw.toString('utf8'))).toEqual(moderate);
    }
  });

  it('compresses text answers too, with the charset a string answer gets', async () => {
    const text = await get('/text', { 'accept-encoding': 'gzip' });
    expect([text.headers['content-encoding'], text.headers['content-type']]).toEqual(['gzip', 'text/plain; charset=utf-8']);
    expect(gunzipSync(text.raw).toString('utf8')).toBe('Usulan menunggu keputusan Anda. '.repeat(100));
  });

  it('leaves a small answer as it is and a large one to `compression`, which streams it', async () => {
    const tiny = await get('/small', { 'accept-encoding': 'gzip' });
    expect(tiny.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(tiny.raw.toString('utf8'))).toEqual(small);
    const big = await get('/large', { 'accept-encoding': 'gzip' });
    // Streamed: chunked, without a Content-Length.
    expect([big.headers['content-encoding'], big.headers['transfer-encoding']]).toEqual(['gzip', 'chunked']);
    expect(JSON.parse(gunzipSync(big.raw).toString('utf8'))).toEqual(large);
  });

  it('respects Cache-Control: no-transform, answers HEAD without a body, and answers a revalidation with 304', async () => {
    const untouched = await get('/no-transform', { 'accept-encoding': 'gzip' });
    expect(untouched.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(untouched.raw.toString('utf8'))).toEqual(moderate);

    const head = await get('/moderate', { 'accept-encoding': 'gzip' }, 'HEAD');
    expect([head.status, head.raw.length]).toEqual([200, 0]);

    const first = await get('/moderate', { 'accept-encoding': 'gzip' });
    const etag = String(first.headers.etag);
    const again = await get('/moderate', { 'accept-encoding': 'gzip', 'if-none-match': etag });
    expect([again.status, again.raw.length]).toEqual([304, 0]);
  });
});
