import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { waitForHttpAnswer } from './traefik-wait';

const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

/** A port that drops its first `resets` connections, as k3d's load balancer does before Traefik serves. */
async function comingUp(resets: number): Promise<{ port: number; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    requests += 1;
    if (requests <= resets) {
      req.socket.destroy();
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' }).end('404 page not found\n');
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, requests: () => requests };
}

describe('waitForHttpAnswer', () => {
  it('keeps trying through reset connections until the port gives an HTTP answer', async () => {
    const s = await comingUp(3);
    await expect(waitForHttpAnswer(s.port, { timeoutMs: 10_000, intervalMs: 50 })).resolves.toBe(
      404,
    );
    expect(s.requests()).toBe(4);
  });

  it('gives up at the deadline, naming the last transport error', async () => {
    const s = await comingUp(Number.POSITIVE_INFINITY);
    await expect(waitForHttpAnswer(s.port, { timeoutMs: 1_000, intervalMs: 50 })).rejects.toThrow(
      /timed out after 1 s waiting for an HTTP answer on port \d+; last seen: ECONNRESET: socket hang up/,
    );
    expect(s.requests()).toBeGreaterThan(1);
  });
});
