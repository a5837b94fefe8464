import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { INestApplication } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import serveStatic from 'serve-static';
import { WebConsoleFallbackFilter } from './web-console-fallback.filter';

/**
 * The console's own policy, in place of helmet's default for its pages: the same 'self' sources, photos
 * from https, and no upgrade-insecure-requests, which would break a console reached over plain HTTP on a LAN.
 */
const CONSOLE_CSP = [
  "default-src 'self'",
  "base-uri 'self'",
  "connect-src 'self'",
  "font-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "img-src 'self' data: blob: https:",
  "object-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
].join('; ');

interface HeaderSink {
  setHeader(name: string, value: string): void;
}

/** `apps/web/dist` of the checkout this code runs from (from source under Jest, or from `dist/` when built); undefined before `npm run build:web`. */
export function findWebConsoleDist(from = __dirname): string | undefined {
  for (let dir = from, i = 0; i < 8; dir = dirname(dir), i++) {
    const candidate = join(dir, 'apps', 'web', 'dist');
    if (existsSync(join(candidate, 'index.html'))) return candidate;
  }
  return undefined;
}

/** The API's own paths: no file of the console lies under them. */
const API_PREFIX = '/api/';

/** The console reads the regency's time zone from this tag of its page (apps/web/src/lib/regency-time.ts). */
const TIME_ZONE_META = 'alur-time-zone';

/** index.html naming the regency's time zone, so the console writes and reads times as the services do. */
function consolePage(indexHtml: string, timeZone: string): string {
  const tag = `<meta name="${TIME_ZONE_META}" content="${timeZone.replace(/[^\w/+-]/g, '')}" />`;
  return indexHtml.replace('<head>', `<head>\n    ${tag}`);
}

/**
 * Serves the built web console: its files, and index.html for page paths no route answers, so the
 * single-page app's own routes (e.g. /transparansi) load on a refresh. Nothing when it is not built.
 * API requests pass by the files unlooked-for: asking the disk for each (a stat that fails) was
 * about 8% of the gateway's work for a small answer (bench:requests, `/me`).
 */
export function serveWebConsole(app: INestApplication, timeZone: string, distDir = findWebConsoleDist()): boolean {
  if (!distDir) return false;
  // Read for each page asked for (a full load, not each asset): a console rebuilt under a running gateway is served as built.
  const page = () => consolePage(readFileSync(join(distDir, 'index.html'), 'utf8'), timeZone);
  const assets = `${sep}assets${sep}`;
  const files = serveStatic(distDir, {
    index: false,
    setHeaders: (res: HeaderSink, path: string) => {
      res.setHeader('Content-Security-Policy', CONSOLE_CSP);
      // Vite puts a content hash in every asset's name, so an asset never changes under its name.
      res.setHeader('Cache-Control', path.includes(assets) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  // index.html itself only as the page that names the time zone (the fallback below), never the file as built.
  const servesFile = (req: Request) => !req.path.startsWith(API_PREFIX) && req.path !== '/index.html';
  app.use((req: Request, res: Response, next: NextFunction) => (servesFile(req) ? files(req, res, next) : next()));
  app.useGlobalFilters(
    new WebConsoleFallbackFilter(app.getHttpAdapter(), page, {
      'Content-Security-Policy': CONSOLE_CSP,
      'Cache-Control': 'no-cache',
    }),
  );
  return true;
}
