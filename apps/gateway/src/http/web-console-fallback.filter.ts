import { ArgumentsHost, Catch, HttpServer, NotFoundException } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';

/** Paths the console never answers: the API (and its docs) and the health check. */
const NOT_THE_CONSOLE = /^\/(api|health)(\/|$)/;
/** Paths that can only mean the console, whatever the client accepts (`curl` asks for anything). */
const ONLY_THE_CONSOLE = new Set(['/', '/index.html']);

interface PageRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
}
interface PageResponse {
  setHeader(name: string, value: string): void;
  send(body: string): void;
}

/**
 * A browser asking for a page no route answers (e.g. /transparansi on a refresh) gets the console's
 * index.html, and the single-page app shows the page, as does anyone asking for `/` or `/index.html`.
 * Anything else keeps Nest's own 404: a missing script is not answered with a page. As a filter
 * it only sees what no route matched, so it never shadows a route of the gateway.
 */
@Catch(NotFoundException)
export class WebConsoleFallbackFilter extends BaseExceptionFilter {
  constructor(
    adapter: HttpServer,
    /** The console's index.html, as served: the built file with what the gateway adds to it. */
    private readonly page: () => string,
    private readonly headers: Record<string, string>,
  ) {
    super(adapter);
  }

  override catch(exception: NotFoundException, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<PageRequest>();
    const accept = String(request.headers.accept ?? '');
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      (ONLY_THE_CONSOLE.has(request.path) || (accept.includes('text/html') && !NOT_THE_CONSOLE.test(request.path)));
    if (!wantsPage) return super.catch(exception, host);
    const response = host.switchToHttp().getResponse<PageResponse>();
    for (const [name, value] of Object.entries(this.headers)) response.setHeader(name, value);
    response.setHeader('Content-Type', 'text/html; charset=utf-8');
    response.send(this.page());
  }
}
