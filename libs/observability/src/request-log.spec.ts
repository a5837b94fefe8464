import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import pinoHttp from 'pino-http';
import { requestLogOptions } from './request-log';

describe('the request log', () => {
  let server: Server;
  let url: string;
  const lines: string[] = [];

  beforeAll(async () => {
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(...chunk.toString().split('\n').filter(Boolean));
        done();
      },
    });
    const logger = pino({ base: { service: 'gateway' } }, sink);
    const log = pinoHttp({ ...requestLogOptions(() => 'corr-0001-abcd'), logger });
    server = createServer((req: IncomingMessage & { route?: { path: string }; actor?: { userId: string } }, res: ServerResponse) => {
      log(req, res);
      // As Express and the gateway's JWT guard leave them on a matched, logged-in request.
      req.route = { path: '/api/v1/approvals/:stageId/decision' };
      req.actor = { userId: 'user-42' };
      res.statusCode = 200;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('writes one short line per request with method, route, status, time and ids, and no headers', async () => {
    const response = await fetch(`${url}/api/v1/approvals/0b7c/decision?x=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer secret-token', cookie: 'a=b', 'user-agent': 'a'.repeat(500) },
    });
    expect(response.status).toBe(200);
    await new Promise((resolve) => setImmediate(resolve));

    expect(lines).toHaveLength(1);
    const line = lines[0];
    expect(JSON.parse(line)).toMatchObject({
      service: 'gateway',
      method: 'POST',
      route: '/api/v1/approvals/:stageId/decision',
      status: 200,
      correlationId: 'corr-0001-abcd',
      userId: 'user-42',
      msg: 'request completed',
    });
    expect(typeof JSON.parse(line).ms).toBe('number');
    expect(line.match(/correlationId/g)).toHaveLength(1);
    expect(line).not.toMatch(/secret-token|authorization|cookie|user-agent|headers/);
    expect(line.length).toBeLessThan(300);
  });
});
