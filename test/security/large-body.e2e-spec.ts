import { request } from 'node:http';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { RunningGateway, startGateway } from '../gateway/gateway-harness';

/** Sends a body of `size` bytes and reads the answer, or reports how the connection ended without one. */
function post(url: string, path: string, size: number, pauseMs = 0): Promise<{ status: number; body: string } | { error: string }> {
  return new Promise((resolve) => {
    const target = new URL(path, url);
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': size },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
        res.on('error', (error) => resolve({ error: error.message }));
      },
    );
    req.on('error', (error) => resolve({ error: error.message }));
    const text = `{"username":"${'x'.repeat(size - 15)}"}`;
    // Written in pieces, as a phone on a slow link sends it: the server may answer before the last one.
    const chunk = 16 * 1024;
    let offset = 0;
    const next = () => {
      while (offset < text.length) {
        const piece = text.slice(offset, (offset += chunk));
        const flushed = req.write(piece);
        // A slow link: the server has long refused the body when the last pieces leave.
        if (pauseMs) return void setTimeout(next, pauseMs);
        if (!flushed) return void req.once('drain', next);
      }
      req.end();
    };
    next();
  });
}

describe('a request body larger than the gateway takes', () => {
  const isolation = createTestIsolation();
  let gateway: RunningGateway;

  beforeAll(async () => {
    gateway = await startGateway(isolation);
  });
  afterAll(async () => {
    await gateway?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  it.each([150 * 1024, 2 * 1024 * 1024])('gets a 413 naming the body, not a reset connection (%i bytes)', async (size) => {
    const answer = await post(gateway.url, '/api/v1/auth/login', size);
    expect(answer).toMatchObject({ status: 413 });
    const { body } = answer as { body: string };
    expect(JSON.parse(body)).toMatchObject({ errors: [{ field: '(body)', code: 'too_large' }] });
  });

  it('lets a slow sender finish, then answers it the 413 (not a connection closed under it)', async () => {
    const answer = await post(gateway.url, '/api/v1/auth/login', 512 * 1024, 10);
    expect(answer).toMatchObject({ status: 413 });
  });

  it('answers a browser-style request (fetch) with the same 413', async () => {
    const response = await fetch(`${gateway.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(150 * 1024), password: 'y' }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ field: '(body)', code: 'too_large' }] });
  });
});
