import { writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server, Socket } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface KubeconfigSpec {
  context: string;
  server: string;
  user: Record<string, unknown>;
  cluster?: Record<string, unknown>;
}

/** Writes a one-context kubeconfig and returns its path. */
export async function writeKubeconfig(
  dir: string,
  name: string,
  spec: KubeconfigSpec,
): Promise<string> {
  const file = join(dir, name);
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      { name: `${spec.context}-cluster`, cluster: { server: spec.server, ...spec.cluster } },
    ],
    users: [{ name: `${spec.context}-user`, user: spec.user }],
    contexts: [
      {
        name: spec.context,
        context: { cluster: `${spec.context}-cluster`, user: `${spec.context}-user` },
      },
    ],
    'current-context': spec.context,
  };
  await writeFile(file, stringify(doc));
  return file;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address === null || typeof address === 'string') reject(new Error('no TCP address'));
      else resolve(address.port);
    });
  });
}

/** A loopback port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A stand-in for a hung API server: accepts TCP connections and never answers, not even TLS. */
export async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const port = await listen(server);
  return {
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
