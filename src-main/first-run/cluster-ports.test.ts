import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  standInCalls,
  standInK3d,
  standInK3dCluster,
  type StandInK3d,
} from '../../test-rig/tools/stand-in-clis';
import { ClusterPorts, loadBalancerHttpPort } from './cluster-ports';

// What `k3d cluster list shop -o json` prints for a cluster made with `-p 8081:80@loadbalancer`
// (k3d 5.8; fields the reader does not use trimmed).
const K3D_LIST = JSON.stringify([
  {
    name: 'shop',
    network: { name: 'k3d-shop', id: 'f00', isExternal: false },
    nodes: [
      {
        name: 'k3d-shop-server-0',
        role: 'server',
        portMappings: {},
        State: { Running: true, Status: 'running' },
      },
      {
        name: 'k3d-shop-serverlb',
        role: 'loadbalancer',
        portMappings: {
          '6443/tcp': [{ HostIp: '0.0.0.0', HostPort: '40401' }],
          '80/tcp': [{ HostIp: '0.0.0.0', HostPort: '8081' }],
        },
        State: { Running: true, Status: 'running' },
      },
    ],
    serversRunning: 1,
    serversCount: 1,
  },
]);

describe('loadBalancerHttpPort', () => {
  it("reads the host port bound to 80/tcp on the cluster's load balancer", () => {
    expect(loadBalancerHttpPort(K3D_LIST, 'shop')).toBe(8081);
  });

  it('is null for another cluster, a load balancer without 80, or text that is not k3d JSON', () => {
    expect(loadBalancerHttpPort(K3D_LIST, 'other')).toBeNull();
    const no80 = K3D_LIST.replace('"80/tcp"', '"443/tcp"');
    expect(loadBalancerHttpPort(no80, 'shop')).toBeNull();
    expect(loadBalancerHttpPort('not json', 'shop')).toBeNull();
    expect(loadBalancerHttpPort('{"name":"shop"}', 'shop')).toBeNull();
    // A port the server role maps is not the web entry.
    const serverOnly = K3D_LIST.replace('"role":"loadbalancer"', '"role":"agent"');
    expect(loadBalancerHttpPort(serverOnly, 'shop')).toBeNull();
  });
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cluster-ports-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function ports(behaviour: StandInK3d | null, fallback?: number) {
  const k3d = behaviour === null ? null : await standInK3d(join(dir, 'bin'), behaviour);
  return new ClusterPorts({
    file: join(dir, 'data', 'cluster-ports.json'),
    k3dPath: () => Promise.resolve(k3d),
    fallback,
  });
}

describe('ClusterPorts with the stand-in k3d', () => {
  it('learns the port of a cluster made by hand from k3d cluster list', async () => {
    await standInK3dCluster(join(dir, 'bin'), 'shop', 8081);
    const p = await ports('ok');
    expect(p.portFor('k3d-shop')).toBeUndefined();
    await expect(p.learn('k3d-shop')).resolves.toBe(8081);
    expect(p.portFor('k3d-shop')).toBe(8081);
    expect(await standInCalls(join(dir, 'bin'), 'k3d')).toEqual([
      ['cluster', 'list', 'shop', '-o', 'json'],
    ]);
  });

  it('a cluster the app made on 8082 keeps its port when k3d cannot answer later', async () => {
    const first = await ports('ok');
    await first.record('k3d-shop', 8082);
    expect(first.portFor('k3d-shop')).toBe(8082);
    const saved = JSON.parse(
      await readFile(join(dir, 'data', 'cluster-ports.json'), 'utf8'),
    ) as unknown;
    expect(saved).toEqual({ 'k3d-shop': 8082 });

    // Next start: docker is down, so k3d lists nothing; the recorded port stands.
    const again = await ports('daemon-down', 5555);
    expect(again.portFor('k3d-shop')).toBe(8082);
    await expect(again.learn('k3d-shop')).resolves.toBe(8082);
  });

  it('what k3d says wins over the recorded port (the cluster was made again by hand)', async () => {
    const first = await ports('ok');
    await first.record('k3d-shop', 8082);
    await standInK3dCluster(join(dir, 'bin'), 'shop', 8090);
    await expect(first.learn('k3d-shop')).resolves.toBe(8090);
    expect(first.portFor('k3d-shop')).toBe(8090);
  });

  it('a context that is not k3d, or k3d without a web port, gets the fallback; k3d is not asked for others', async () => {
    await standInK3dCluster(join(dir, 'bin'), 'bare', null);
    const p = await ports('ok', 31000);
    await expect(p.learn('kind-dev')).resolves.toBe(31000);
    expect(await standInCalls(join(dir, 'bin'), 'k3d')).toEqual([]);
    await expect(p.learn('k3d-bare')).resolves.toBe(31000);
    await expect(p.learn('k3d-gone')).resolves.toBe(31000);
    expect(p.portFor('kind-dev')).toBe(31000);
  });

  it('without k3d on this computer, the recorded port or the scheme default', async () => {
    const p = await ports(null);
    await expect(p.learn('k3d-shop')).resolves.toBeUndefined();
    await p.record('k3d-shop', 8081);
    await expect(p.learn('k3d-shop')).resolves.toBe(8081);
  });

  it('ensure asks k3d once per context; learn asks again', async () => {
    await standInK3dCluster(join(dir, 'bin'), 'shop', 8081);
    const p = await ports('ok');
    await p.ensure('k3d-shop');
    await p.ensure('k3d-shop');
    expect(await standInCalls(join(dir, 'bin'), 'k3d')).toHaveLength(1);
    await p.learn('k3d-shop');
    expect(await standInCalls(join(dir, 'bin'), 'k3d')).toHaveLength(2);
  });

  it('a cluster the stand-in k3d created on 8081 is listed with that port, and forgotten on delete', async () => {
    const p = await ports('ok');
    const k3d = join(dir, 'bin', 'k3d');
    const { execa } = await import('execa');
    await execa(k3d, ['cluster', 'create', 'made', '-p', '8081:80@loadbalancer', '--wait']);
    await expect(p.learn('k3d-made')).resolves.toBe(8081);
    await execa(k3d, ['cluster', 'delete', 'made']);
    const listed = await execa(k3d, ['cluster', 'list', '-o', 'json']);
    expect(JSON.parse(listed.stdout)).toEqual([]);
  });

  it('a file that is not a list of ports is ignored, not fatal', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(dir, 'data'), { recursive: true });
    await writeFile(join(dir, 'data', 'cluster-ports.json'), '{"k3d-shop": "eighty"}');
    const p = await ports(null, 1234);
    expect(p.portFor('k3d-shop')).toBe(1234);
  });
});
