import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContextProbe } from '../../src-shared/types/service-types';
import { standInCalls, standInK3d } from '../../test-rig/tools/stand-in-clis';
import type { StandInK3d } from '../../test-rig/tools/stand-in-clis';
import {
  LocalClusterError,
  cleanK3dLine,
  createLocalCluster,
  deleteLocalCluster,
  findFreePort,
  isPortFree,
  k3dClusterOfContext,
  startLocalCluster,
  stopLocalCluster,
  takenPort,
} from './k3d-cluster';
import type { LocalClusterProgress } from './k3d-cluster';

function probeOf(part: Partial<ContextProbe>): ContextProbe {
  return {
    context: 'k3d-shop',
    reachable: true,
    error: null,
    serverVersion: 'v1.31.5+k3s1',
    readyNodes: 1,
    totalNodes: 1,
    defaultStorageClass: 'local-path',
    ingressClasses: ['traefik'],
    traefik: true,
    checkedAt: new Date().toISOString(),
    ...part,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'k3d-cluster-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function create(
  behaviour: StandInK3d,
  extra: Partial<Parameters<typeof createLocalCluster>[0]> = {},
) {
  const k3dPath = await standInK3d(dir, behaviour);
  const progress: LocalClusterProgress[] = [];
  const selected: string[] = [];
  const probes: string[] = [];
  const run = createLocalCluster({
    k3dPath,
    name: 'shop',
    onProgress: (p) => progress.push(p),
    probe: (context) => {
      probes.push(context);
      return Promise.resolve(probeOf({ context }));
    },
    selectContext: (context) => {
      selected.push(context);
      return Promise.resolve();
    },
    findFreePort: () => Promise.resolve(8080),
    pollMs: 1,
    ...extra,
  });
  return { run, progress, selected, probes };
}

describe('createLocalCluster with the stand-in k3d', () => {
  it('maps ports 80 and 443 to the load balancer, streams k3d lines, waits, selects k3d-<name>', async () => {
    const { run, progress, selected, probes } = await create('ok');
    await expect(run).resolves.toBe('k3d-shop');
    expect(await standInCalls(dir, 'k3d')).toEqual([
      [
        'cluster',
        'create',
        'shop',
        '-p',
        '80:80@loadbalancer',
        '-p',
        '443:443@loadbalancer',
        '--wait',
      ],
    ]);
    const lines = progress.filter((p) => p.phase === 'create').map((p) => p.line);
    expect(lines).toContain("Creating LoadBalancer 'k3d-shop-serverlb'");
    expect(lines).toContain("Cluster 'shop' created successfully!");
    expect(lines.some((line) => line.startsWith('INFO['))).toBe(false);
    expect(probes[0]).toBe('k3d-shop');
    expect(selected).toEqual(['k3d-shop']);
    expect(progress.at(-1)?.phase).toBe('done');
  });

  it('on another http port maps only that port (no https)', async () => {
    const { run } = await create('ok', { httpPort: 8080 });
    await run;
    expect(await standInCalls(dir, 'k3d')).toEqual([
      ['cluster', 'create', 'shop', '-p', '8080:80@loadbalancer', '--wait'],
    ]);
  });

  it('explains a taken port and offers a free one', async () => {
    const { run, selected } = await create('port-taken');
    const error = await run.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LocalClusterError);
    const e = error as LocalClusterError;
    expect(e.reason).toBe('port-taken');
    expect(e.port).toEqual({ taken: 80, suggested: 8080 });
    expect(e.message).toContain('port 80');
    expect(e.message).toContain('Port 8080 is free');
    expect(e.message).not.toMatch(/0\.0\.0\.0|daemon|endpoint/);
    expect(selected).toEqual([]);
  });

  it('says a cluster of that name exists', async () => {
    const { run } = await create('cluster-exists');
    await expect(run).rejects.toMatchObject({
      reason: 'exists',
      message: expect.stringContaining('named shop already exists') as unknown,
    });
  });

  it('says Docker is not running', async () => {
    const { run } = await create('daemon-down');
    await expect(run).rejects.toMatchObject({ reason: 'docker-down' });
  });

  it('cancel stops k3d and rejects as cancelled', async () => {
    const controller = new AbortController();
    const progress: LocalClusterProgress[] = [];
    const { run } = await create('hang', {
      signal: controller.signal,
      onProgress: (p) => {
        progress.push(p);
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ reason: 'cancelled' });
    expect(progress.length).toBeGreaterThan(0);
  });

  it('waits until Traefik and the default StorageClass answer, naming what it waits for', async () => {
    const answers = [
      probeOf({ reachable: false, traefik: false, defaultStorageClass: null }),
      probeOf({ traefik: false, defaultStorageClass: null }),
      probeOf({ defaultStorageClass: null }),
      probeOf({}),
    ];
    const { run, progress } = await create('ok', {
      probe: () => Promise.resolve(answers.shift() ?? probeOf({})),
    });
    await run;
    const waits = progress.filter((p) => p.phase === 'wait').map((p) => p.line);
    expect(waits).toEqual([
      'Waiting for the Kubernetes API, Traefik and the default StorageClass.',
      'Waiting for the Kubernetes API.',
      'Waiting for Traefik.',
      'Waiting for the default StorageClass.',
    ]);
  });

  it('gives up on a cluster that never gets ready, without selecting it', async () => {
    const { run, selected } = await create('ok', {
      probe: () => Promise.resolve(probeOf({ traefik: false })),
      readyTimeoutMs: 20,
    });
    await expect(run).rejects.toMatchObject({ reason: 'not-ready' });
    expect(selected).toEqual([]);
  });

  it('refuses a name k3d cannot use, without running k3d', async () => {
    const { run } = await create('ok', { name: 'My Shop' });
    await expect(run).rejects.toMatchObject({ reason: 'bad-name' });
    expect(await standInCalls(dir, 'k3d')).toEqual([]);
  });
});

describe('start, stop and delete with the stand-in k3d', () => {
  it('run k3d cluster start|stop|delete <name>', async () => {
    const k3dPath = await standInK3d(dir);
    await startLocalCluster('shop', { k3dPath });
    await stopLocalCluster('shop', { k3dPath });
    await deleteLocalCluster('shop', { k3dPath });
    expect(await standInCalls(dir, 'k3d')).toEqual([
      ['cluster', 'start', 'shop'],
      ['cluster', 'stop', 'shop'],
      ['cluster', 'delete', 'shop'],
    ]);
  });

  it('say Docker is not running when it is down', async () => {
    const k3dPath = await standInK3d(dir, 'daemon-down');
    await expect(startLocalCluster('shop', { k3dPath })).rejects.toMatchObject({
      reason: 'docker-down',
    });
  });
});

describe('k3d texts and ports', () => {
  it('reads the taken port from docker bind errors', () => {
    expect(takenPort('Bind for 0.0.0.0:443 failed: port is already allocated')).toBe(443);
    expect(takenPort('listen tcp4 0.0.0.0:80: bind: address already in use')).toBe(80);
    expect(takenPort('something else')).toBeNull();
  });

  it('strips the level prefix and colours', () => {
    expect(cleanK3dLine('\u001b[36mINFO\u001b[0m[0001] Prep: Network  ')).toBe('Prep: Network');
  });

  it('knows k3d contexts', () => {
    expect(k3dClusterOfContext('k3d-shop')).toBe('shop');
    expect(k3dClusterOfContext('kind-shop')).toBeNull();
  });

  it('finds a free port past one that is taken', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen({ port: 0, host: '0.0.0.0' }, resolve));
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      expect(await isPortFree(port)).toBe(false);
      const free = await findFreePort(port);
      expect(free).not.toBe(port);
      expect(free).not.toBeNull();
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
