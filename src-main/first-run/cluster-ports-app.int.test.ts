// Through the app's own wiring: a k3d cluster made by hand on host port 8081 (what the stand-in
// k3d lists for it) gives a store created in its context the address http://<name>.localhost:8081.
// The context `k3d-shop` points at the test cluster's API server.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { standInCalls, standInK3d, standInK3dCluster } from '../../test-rig/tools/stand-in-clis';
import { appServicesHarness } from '../../test-rig/app-services-harness';

const harness = appServicesHarness('storefleet-cluster-ports-app-');

/** The test cluster's kubeconfig with its one context renamed to `context`. */
async function renamedKubeconfig(source: string, context: string): Promise<string> {
  const config = parse(await readFile(source, 'utf8')) as {
    clusters: { name: string }[];
    users: { name: string }[];
    contexts: { name: string; context: { cluster: string; user: string } }[];
  };
  const [cluster] = config.clusters;
  const [user] = config.users;
  if (!cluster || !user) throw new Error(`${source} has no cluster or user`);
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ ...cluster, name: context }],
    users: [{ ...user, name: `admin@${context}` }],
    contexts: [{ name: context, context: { cluster: context, user: `admin@${context}` } }],
    'current-context': context,
  });
}

describe('the web port of a k3d cluster made by hand, through the app services', () => {
  it('a store created in its context carries the port k3d lists for its load balancer', async () => {
    const cluster = testCluster();
    const dir = harness.dir();
    const bin = join(dir, 'bin');
    await standInK3d(bin, 'ok');
    await standInK3dCluster(bin, 'shop', 8081);
    const kubeconfig = join(dir, 'kubeconfig.yaml');
    await writeFile(kubeconfig, await renamedKubeconfig(cluster.kubeconfigPath, 'k3d-shop'), {
      mode: 0o600,
    });
    const app = await harness.start({
      PATH: `${bin}:${cluster.binDir}`,
      KUBECONFIG: kubeconfig,
      HOME: dir,
    });
    const { services } = app;
    const name = `port-${Math.random().toString(16).slice(2, 8)}`;
    const created = await services.stores.create({
      context: 'k3d-shop',
      name,
      kind: 'woocommerce',
    });
    expect(created.url).toBe(`http://${name}.localhost:8081`);
    expect(await standInCalls(bin, 'k3d')).toContainEqual([
      'cluster',
      'list',
      'shop',
      '-o',
      'json',
    ]);

    // Leave nothing behind on the shared cluster.
    const gone = await harness.removeStore(app, created.id);
    expect(gone.status).toBe('Deleted');
  });
});
