import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { register } from 'prom-client';

/**
 * `/metrics` on a port of its own, apart from the service's HTTP app: the gateway's public paths
 * never reach it, a scrape is not logged as a request, and no auth or rate limit stands in its way.
 */
@Injectable()
export class MetricsServer implements OnApplicationShutdown {
  private server?: Server;
  /** Where /metrics answers once listening. */
  url?: string;

  async listen(port: number, host: string): Promise<string> {
    const server = createServer((req, res) => {
      if (req.method !== 'GET' || new URL(req.url ?? '/', 'http://metrics').pathname !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      register.metrics().then(
        (body) => res.writeHead(200, { 'content-type': register.contentType }).end(body),
        (error: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(error.message),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve());
    });
    this.server = server;
    const address = server.address() as AddressInfo;
    this.url = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}/metrics`;
    return this.url;
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
