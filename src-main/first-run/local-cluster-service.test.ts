import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { LocalClusterProgress, ToolInfo } from '../../src-shared/types/service-types';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import { standInCalls, standInK3d } from '../../test-rig/tools/stand-in-clis';
import type { StandInK3d } from '../../test-rig/tools/stand-in-clis';
import { createLocalClusterService } from './local-cluster-service';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'local-cluster-service-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function service(behaviour: StandInK3d, found = true) {
  const path = await standInK3d(dir, behaviour);
  const k3d: ToolInfo = found
    ? { name: 'k3d', path, version: 'v5.8.3', ok: true, problem: null }
    : {
        name: 'k3d',
        path: null,
        version: null,
        ok: false,
        problem: 'k3d was not found. Install it, then check again.',
      };
  const selected: string[] = [];
  const recorded: string[] = [];
  const svc = createLocalClusterService({
    findK3d: () => Promise.resolve(k3d),
    probe: (context) =>
      Promise.resolve({
        context,
        reachable: true,
        error: null,
        serverVersion: 'v1.31.5+k3s1',
        readyNodes: 1,
        totalNodes: 1,
        defaultStorageClass: 'local-path',
        ingressClasses: ['traefik'],
        traefik: true,
        checkedAt: new Date().toISOString(),
      }),
    selectContext: (context) => {
      selected.push(context);
      recorded.push(`selected ${context}`);
      return Promise.resolve();
    },
    recordPort: (context, httpPort) => {
      recorded.push(`${context} on ${httpPort}`);
      return Promise.resolve();
    },
  });
  return { svc, selected, recorded };
}

describe('local cluster service with the stand-in k3d', () => {
  it('creates, sends progress to every listener and selects k3d-<name>', async () => {
    const { svc, selected } = await service('ok');
    const seen: LocalClusterProgress[] = [];
    const off = svc.onLocalClusterProgress((p) => seen.push(p));
    await expect(svc.createLocalCluster({ name: 'shop' })).resolves.toEqual({
      context: 'k3d-shop',
    });
    off();
    expect(selected).toEqual(['k3d-shop']);
    expect(seen.some((p) => p.line === "Creating node 'k3d-shop-server-0'")).toBe(true);
  });

  it('a taken port reaches the page as a conflict carrying the port to use instead', async () => {
    const { svc } = await service('port-taken');
    const error = await svc.createLocalCluster({ name: 'shop' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(IpcError);
    expect(error).toMatchObject({
      code: 'conflict',
      details: { reason: 'port-taken', takenPort: 80 },
    });
    const suggested = (error as IpcError).details?.suggestedPort;
    expect(typeof suggested === 'number' || suggested === null).toBe(true);
  });

  it('retries on the port the user picked', async () => {
    const { svc } = await service('ok');
    await svc.createLocalCluster({ name: 'shop', httpPort: 8080 });
    expect(await standInCalls(dir, 'k3d')).toEqual([
      ['cluster', 'create', 'shop', '-p', '8080:80@loadbalancer', '--wait'],
    ]);
  });

  it('records the web port the cluster was made with before its context is selected', async () => {
    const { svc, recorded } = await service('port-80-taken');
    await expect(svc.createLocalCluster({ name: 'shop' })).rejects.toMatchObject({
      details: { reason: 'port-taken', takenPort: 80 },
    });
    expect(recorded).toEqual([]);
    await svc.createLocalCluster({ name: 'shop', httpPort: 8081 });
    expect(recorded).toEqual(['k3d-shop on 8081', 'selected k3d-shop']);
  });

  it('a cluster on port 80 is recorded on 80', async () => {
    const { svc, recorded } = await service('ok');
    await svc.createLocalCluster({ name: 'shop' });
    expect(recorded).toEqual(['k3d-shop on 80', 'selected k3d-shop']);
  });

  it('cancel rejects the running create as a conflict', async () => {
    const { svc } = await service('hang');
    svc.onLocalClusterProgress(() => svc.cancelLocalCluster());
    await expect(svc.createLocalCluster({ name: 'shop' })).rejects.toMatchObject({
      code: 'conflict',
      details: { reason: 'cancelled' },
    });
  });

  it('refuses a second cluster while one is being created', async () => {
    const { svc } = await service('hang');
    const first = svc.createLocalCluster({ name: 'shop' });
    await expect(svc.createLocalCluster({ name: 'other' })).rejects.toMatchObject({
      code: 'conflict',
    });
    svc.cancelLocalCluster();
    await first.catch(() => undefined);
  });

  it('without k3d says so and runs nothing', async () => {
    const { svc } = await service('ok', false);
    await expect(svc.startLocalCluster('shop')).rejects.toMatchObject({
      code: 'unavailable',
      details: { reason: 'no-k3d' },
    });
    expect(await standInCalls(dir, 'k3d')).toEqual([]);
  });

  it('start, stop and delete run k3d and answer null', async () => {
    const { svc } = await service('ok');
    await expect(svc.startLocalCluster('shop')).resolves.toBeNull();
    await expect(svc.stopLocalCluster('shop')).resolves.toBeNull();
    await expect(svc.deleteLocalCluster('shop')).resolves.toBeNull();
    expect((await standInCalls(dir, 'k3d')).map((args) => args.slice(0, 2).join(' '))).toEqual([
      'cluster start',
      'cluster stop',
      'cluster delete',
    ]);
  });
});
