import { createServer } from 'node:net';

/**
 * Ports for processes a test or bench starts (whose addresses must be known first), free now and drawn at random from below Linux's ephemeral range
 * (32768–60999): a port the OS hands out itself (listen(0)) can be taken in the moment before the
 * service binds it by any outgoing connection of the busy machine, or by another run doing the same.
 */
export async function freePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (!ports.has(port) && (await isFree(port))) ports.add(port);
  }
  return [...ports];
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
