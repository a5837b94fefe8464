import { createServer } from 'node:net';

/** Linux's ephemeral range starts here: ports the OS hands to outgoing connections and to listen(0). */
const EPHEMERAL_FROM = 32_768;
const LOWEST = 20_000;

/**
 * Ports for processes a test or bench starts (whose addresses must be known first), free now and
 * drawn at random from below Linux's ephemeral range: a port the OS hands out itself (listen(0))
 * can be taken, in the moment before the service binds it, by any outgoing connection of the busy
 * machine or by another run doing the same. `twins` are offsets the process also listens at (a
 * service's metrics port is its HTTP port + 6000): those are checked free and kept below the range too.
 */
export async function freePorts(count: number, options: { twins?: number[] } = {}): Promise<number[]> {
  const twins = options.twins ?? [];
  const span = EPHEMERAL_FROM - LOWEST - Math.max(0, ...twins);
  const taken = new Set<number>();
  const ports: number[] = [];
  while (ports.length < count) {
    const port = LOWEST + Math.floor(Math.random() * span);
    const all = [port, ...twins.map((offset) => port + offset)];
    if (all.some((p) => taken.has(p))) continue;
    if ((await Promise.all(all.map(isFree))).every(Boolean)) {
      all.forEach((p) => taken.add(p));
      ports.push(port);
    }
  }
  return ports;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const server = createServer();
    server.once('error', () => done(false));
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/** One such port. */
export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}
