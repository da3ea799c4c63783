// What the first-run specs that reach a store need besides the serve host: a kubeconfig that the
// stand-in k3d writes as its new `k3d-<name>` context (pointing at the test cluster's API
// server), and a STAND-IN of k3d's load balancer (a TCP forward from the host port the cluster
// was made on to the Store API stand-in).
import { readFile } from 'node:fs/promises';
import { connect, createServer, type Socket } from 'node:net';
import { parse, stringify } from 'yaml';

interface NamedEntry {
  name: string;
  [key: string]: unknown;
}

/**
 * The test cluster's kubeconfig as k3d would write it for cluster `__K3D_NAME__`: context and
 * cluster `k3d-<name>`, user `admin@k3d-<name>`, made the current context.
 */
export async function k3dKubeconfigTemplate(testKubeconfig: string): Promise<string> {
  const config = parse(await readFile(testKubeconfig, 'utf8')) as {
    clusters: NamedEntry[];
    users: NamedEntry[];
    contexts: { name: string; context: { cluster: string; user: string } }[];
    'current-context': string;
  };
  const current = config.contexts.find((c) => c.name === config['current-context']);
  const cluster = config.clusters.find((c) => c.name === current?.context.cluster);
  const user = config.users.find((u) => u.name === current?.context.user);
  if (!cluster || !user) throw new Error(`${testKubeconfig} has no current context to copy`);
  const name = 'k3d-__K3D_NAME__';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ ...cluster, name }],
    users: [{ ...user, name: `admin@${name}` }],
    contexts: [{ name, context: { cluster: name, user: `admin@${name}` } }],
    'current-context': name,
    preferences: {},
  });
}

export interface LoadBalancerStandIn {
  connections(): number;
  close(): Promise<void>;
}

/** STAND-IN for k3d's serverlb on a host port: forwards each connection to `targetPort`. */
export async function startLoadBalancerStandIn(
  port: number,
  targetPort: number,
): Promise<LoadBalancerStandIn> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((inbound) => {
    connections += 1;
    const outbound = connect(targetPort, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
