// A store on a context whose cluster was made on host port 8081 (port 80 was taken): its
// address carries 8081 and the storefront check goes there. On the test cluster, with the Store
// API stand-in behind a STAND-IN of k3d's load balancer: a TCP forward from 127.0.0.1:8081.
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { settledStore, uniqueName, useStandInEngines } from '../../test-rig/engine/int-support';
import { ClusterPorts } from './cluster-ports';

const { engines, standIn } = useStandInEngines();
const LB_PORT = 8081;

/** STAND-IN for k3d's serverlb on host port 8081: forwards each connection to the stand-in. */
function loadBalancerStandIn(port: number, target: () => number) {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server: Server = createServer((inbound) => {
    connections += 1;
    const outbound = connect(target(), '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  return {
    connections: () => connections,
    listen: () =>
      new Promise<void>((resolve, reject) => {
        server.once('error', (error) =>
          reject(new Error(`port ${port} is taken on this machine: ${error.message}`)),
        );
        server.listen(port, '127.0.0.1', () => resolve());
      }),
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

const lb = loadBalancerStandIn(LB_PORT, () => standIn().port);
let dataDir: string;
beforeAll(async () => {
  await lb.listen();
  dataDir = await mkdtemp(join(tmpdir(), 'cluster-ports-int-'));
});
afterAll(async () => {
  await lb.close();
  await rm(dataDir, { recursive: true, force: true });
});

describe('a context whose cluster was made on port 8081', () => {
  it('gives its stores http://<name>.localhost:8081, verified there, and rediscovery keeps the port', async () => {
    const context = testCluster().context;
    // As the app keeps it after "Create local cluster" on 8081; no k3d is asked for this context.
    const ports = new ClusterPorts({
      file: join(dataDir, 'cluster-ports.json'),
      k3dPath: () => Promise.resolve(null),
      fallback: standIn().port,
    });
    await ports.record(context, LB_PORT);
    const verified: string[] = [];
    const e = await engines.start({
      storefrontPort: (c) => ports.portFor(c),
      wrapDriver: (driver) => ({
        ...driver,
        verify: (target) => {
          verified.push(target.url);
          return driver.verify(target);
        },
      }),
    });
    const name = uniqueName('port');
    standIn().addStore(`${name}.localhost`);

    const created = e.engine.create({ context, name, kind: 'woocommerce' });
    expect(created.url).toBe(`http://${name}.localhost:${LB_PORT}`);
    const store = await settledStore(e, created.id);
    expect(store).toMatchObject({ status: 'Ready', url: `http://${name}.localhost:${LB_PORT}` });
    expect(verified).toEqual([`http://${name}.localhost:${LB_PORT}`]);
    expect(lb.connections()).toBeGreaterThan(0);
    expect(standIn().orders(`${name}.localhost`)).toHaveLength(1);

    // The row is lost (another data folder, a reinstall): rediscovery imports the store with
    // the context's port.
    e.repo.remove(store.id);
    const found = await e.engine.rediscover(context);
    expect(found.imported.map((s) => [s.name, s.url])).toEqual([
      [name, `http://${name}.localhost:${LB_PORT}`],
    ]);
  });
});
