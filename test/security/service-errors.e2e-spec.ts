import { INestApplication } from '@nestjs/common';
import { createServiceApp } from '@alur/platform';
import { createTestIsolation, removeTestResources } from '@alur/testing';
import { ProposalsModule } from '../../apps/proposals/src/proposals.module';
import { outsideAddress } from './outside-address';

describe('a service’s own HTTP port: errors in JSON without internals, operator routes on loopback only', () => {
  const isolation = createTestIsolation();
  let app: INestApplication;
  let url: string;
  let port: number;

  beforeAll(async () => {
    // Listening on every interface, as in a container.
    const env = { ...isolation.env, PROPOSALS_PORT: '0', METRICS_PORT: '0', HTTP_HOST: '0.0.0.0' };
    app = await createServiceApp(ProposalsModule.forRoot(env), 'proposals', { rpc: true });
    port = Number(new URL(await app.getUrl()).port);
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await app?.close();
    await removeTestResources(isolation.id, isolation.env);
  });

  const json = { 'content-type': 'application/json' };
  const cases: Array<[string, string, RequestInit, number]> = [
    ['an unknown path', '/nope', {}, 404],
    ['a path that does not decode', '/ops/dead-letters/%E0%A4%A/replay', { method: 'POST' }, 400],
    ['a refused id', '/ops/dead-letters/x/replay', { method: 'POST' }, 400],
    ['malformed JSON', '/ops/dead-letters/1/replay', { method: 'POST', headers: json, body: '{"a":' }, 400],
    [
      'an unknown charset',
      '/ops/dead-letters/1/replay',
      { method: 'POST', headers: { 'content-type': 'application/json; charset=klingon' }, body: '{}' },
      415,
    ],
  ];

  it.each(cases)('%s', async (_label, path, init, status) => {
    const response = await fetch(`${url}${path}`, init);
    const text = await response.text();
    expect({ status: response.status, type: response.headers.get('content-type') }).toEqual({
      status,
      type: expect.stringMatching(/^application\/json/),
    });
    expect(JSON.parse(text)).toMatchObject({ statusCode: status, message: expect.anything() });
    expect(text).not.toMatch(/<html|\s+at |node_modules|\/work\/|Exception:/);
  });

  it('answers /ops/dead-letters on loopback, and 403 to a caller from the network, whatever the letter case', async () => {
    expect((await fetch(`${url}/ops/dead-letters`)).status).toBe(200);
    for (const path of ['/ops/dead-letters', '/OPS/dead-letters', '/ops/dead-letters/1/replay']) {
      const response = await fetch(`http://${outsideAddress()}:${port}${path}`, { method: path.endsWith('replay') ? 'POST' : 'GET' });
      expect([path, response.status, response.headers.get('content-type')]).toEqual([
        path,
        403,
        expect.stringMatching(/^application\/json/),
      ]);
    }
    expect((await fetch(`http://${outsideAddress()}:${port}/health`)).status).toBe(200);
  });
});
