import { createServer, connect, Server, Socket } from 'node:net';

/**
 * A TCP relay between the services and the machine's NATS server, so the chaos run can cut its own
 * services' NATS connections without restarting a server other people use. Cutting destroys every
 * open connection; clients reconnect through the relay at once.
 */
export class NatsLink {
  private constructor(
    private readonly server: Server,
    private readonly pairs: Set<[Socket, Socket]>,
    readonly url: string,
  ) {}

  static async open(upstreamUrl: string): Promise<NatsLink> {
    const upstream = new URL(upstreamUrl.replace(/^nats:/, 'http:'));
    const pairs = new Set<[Socket, Socket]>();
    const server = createServer((client) => {
      const nats = connect(Number(upstream.port || 4222), upstream.hostname);
      const pair: [Socket, Socket] = [client, nats];
      pairs.add(pair);
      const close = () => {
        pairs.delete(pair);
        client.destroy();
        nats.destroy();
      };
      client.on('error', close).on('close', close);
      nats.on('error', close).on('close', close);
      client.pipe(nats);
      nats.pipe(client);
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    return new NatsLink(server, pairs, `nats://127.0.0.1:${(server.address() as { port: number }).port}`);
  }

  /** Cuts every connection through the relay; returns how many were cut. */
  cut(): number {
    const cut = this.pairs.size;
    for (const [client, nats] of [...this.pairs]) {
      client.destroy();
      nats.destroy();
    }
    return cut;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise((done) => this.server.close(done));
  }
}
