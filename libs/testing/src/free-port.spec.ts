import { createServer, Server } from 'node:net';
import { freePorts } from './free-port';

/** Listens at the port on 127.0.0.1, as a service would; rejects if it is taken. */
function listenAt(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('freePorts', () => {
  it('gives distinct ports below the ephemeral range, each with its twins there too and free to listen at', async () => {
    const ports = await freePorts(10, { twins: [6000] });
    const all = ports.flatMap((port) => [port, port + 6000]);
    expect(new Set(all).size).toBe(20);
    for (const port of all) {
      expect(port).toBeGreaterThanOrEqual(20_000);
      expect(port).toBeLessThan(32_768);
    }
    const servers = await Promise.all(all.map(listenAt));
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });
});
