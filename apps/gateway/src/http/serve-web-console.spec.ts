import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { serveWebConsole } from './serve-web-console';

@Module({})
class NoRoutes {}

const built = (script: string) =>
  `<!doctype html>\n<html lang="id">\n  <head>\n    <title>Alur</title>\n  </head>\n  <body><script src="/assets/${script}"></script></body>\n</html>\n`;

describe('serveWebConsole', () => {
  const dist = mkdtempSync(join(tmpdir(), 'alur-web-'));
  let app: INestApplication;
  let url: string;
  const page = async (path: string, accept = 'text/html') => {
    const answer = await fetch(`${url}${path}`, { headers: { accept } });
    return { status: answer.status, type: answer.headers.get('content-type'), body: await answer.text() };
  };

  beforeAll(async () => {
    writeFileSync(join(dist, 'index.html'), built('index-v1.js'));
    app = await NestFactory.create(NoRoutes, { logger: false });
    serveWebConsole(app, 'Asia/Makassar', dist);
    await app.listen(0, '127.0.0.1');
    url = await app.getUrl();
  });

  afterAll(async () => {
    await app?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('answers a page path, and index.html itself, with the console naming the regency’s time zone', async () => {
    for (const path of ['/', '/usulan/123', '/index.html']) {
      const answer = await page(path);
      expect(answer).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
      expect(answer.body).toContain('<meta name="alur-time-zone" content="Asia/Makassar" />');
      expect(answer.body).toContain('/assets/index-v1.js');
    }
  });

  it('answers / and /index.html with the console to a client that asks for anything (curl), and a missing file with 404', async () => {
    for (const path of ['/', '/index.html']) {
      const answer = await page(path, '*/*');
      expect(answer).toMatchObject({ status: 200, type: 'text/html; charset=utf-8' });
      expect(answer.body).toContain('/assets/index-v1.js');
    }
    expect((await page('/assets/index-v0.js', '*/*')).status).toBe(404);
    expect((await page('/usulan/123', '*/*')).status).toBe(404);
  });

  it('serves the console as built now, after a rebuild under the running gateway', async () => {
    writeFileSync(join(dist, 'index.html'), built('index-v2.js'));
    expect((await page('/usulan')).body).toContain('/assets/index-v2.js');
  });

  it('keeps the API’s own 404 for an API path', async () => {
    expect((await page('/api/v1/tidak-ada')).status).toBe(404);
    expect((await page('/api/v1/tidak-ada')).type).toContain('application/json');
  });
});
