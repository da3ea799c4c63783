import { createServer } from 'node:http';

/**
 * A stand-in for a k3s API server: plain HTTP, answers only the four reads a probe makes.
 * It exists so that classification from a server version can be tested without k3s.
 */
export async function standInK3sApiServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const bodies: Record<string, unknown> = {
    '/version': {
      major: '1',
      minor: '31',
      gitVersion: 'v1.31.5+k3s1',
      gitCommit: 'stand-in',
      gitTreeState: 'clean',
      buildDate: '2025-01-01T00:00:00Z',
      goVersion: 'go1.23',
      compiler: 'gc',
      platform: 'linux/amd64',
    },
    '/api/v1/nodes': {
      kind: 'NodeList',
      apiVersion: 'v1',
      metadata: {},
      items: [
        {
          metadata: { name: 'vps' },
          status: { conditions: [{ type: 'Ready', status: 'True' }] },
        },
      ],
    },
    '/apis/storage.k8s.io/v1/storageclasses': {
      kind: 'StorageClassList',
      apiVersion: 'storage.k8s.io/v1',
      metadata: {},
      items: [],
    },
    '/apis/networking.k8s.io/v1/ingressclasses': {
      kind: 'IngressClassList',
      apiVersion: 'networking.k8s.io/v1',
      metadata: {},
      items: [],
    },
  };
  const server = createServer((req, res) => {
    const body = bodies[new URL(req.url ?? '/', 'http://x').pathname];
    res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { kind: 'Status', code: 404 }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
