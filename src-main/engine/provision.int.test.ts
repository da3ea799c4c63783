import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { createKubeClients } from '../kube/client';
import type { StoreEvent } from '../../src-shared/types/store-types';
import {
  testStoreCluster,
  useStandInEngines,
  helmReleases,
  settledStore,
  uniqueName,
} from '../../test-rig/engine/int-support';
import { PROVISION_STEPS } from './transitions';

const { engines, standIn } = useStandInEngines();

describe('provisioning against the test cluster (storefront: local Store API stand-in)', () => {
  it('takes a store from Queued to Ready, recording started/succeeded for every step in order', async () => {
    const e = await engines.start();
    const name = uniqueName('ready');
    standIn().addStore(`${name}.localhost`);
    const pushed: StoreEvent[] = [];
    const statuses: string[] = [];
    e.engine.onStoreEvent((ev) => pushed.push(ev));
    e.engine.onStoreUpdated((s) => statuses.push(s.status));

    const created = e.engine.create({ context: testCluster().context, name, kind: 'woocommerce' });
    expect(created).toMatchObject({ status: 'Queued', namespace: `store-${name}` });
    expect(created.url).toBe(`http://${name}.localhost:${standIn().port}`);

    const store = await settledStore(e, created.id);
    expect(store).toMatchObject({ status: 'Ready', step: null, error: null });
    expect(store.helmRevision).toBe(1);
    const { events } = e.engine.get(store.id);
    const milestones = events
      .filter((ev) => ev.status === 'started' || ev.status === 'succeeded')
      .map((ev) => `${ev.step}:${ev.status}`);
    expect(milestones).toEqual(PROVISION_STEPS.flatMap((s) => [`${s}:started`, `${s}:succeeded`]));
    expect(pushed).toEqual(events);
    expect(statuses[0]).toBe('Queued');
    expect(statuses.at(-1)).toBe('Ready');
    expect(standIn().orders(`${name}.localhost`)).toHaveLength(1);

    const c = createKubeClients({
      kubeconfig: testCluster().kubeconfigPath,
      context: testCluster().context,
    });
    const ns = await c.core.readNamespace({ name: store.namespace });
    expect(ns.metadata?.labels).toMatchObject({
      'app.kubernetes.io/managed-by': 'storefleet',
      'storefleet.io/store-id': store.id,
      'storefleet.io/store-name': name,
      'storefleet.io/store-kind': 'woocommerce',
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/warn': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
    });
  });

  it('deletes a store leaving nothing, after rediscovery re-imported its forgotten row', async () => {
    const e = await engines.start();
    const name = uniqueName('gone');
    standIn().addStore(`${name}.localhost`);
    const created = e.engine.create({ context: testCluster().context, name, kind: 'woocommerce' });
    expect((await settledStore(e, created.id)).status).toBe('Ready');

    e.repo.remove(created.id);
    expect(e.engine.list(testCluster().context)).toEqual([]);
    const found = await e.engine.rediscover(testCluster().context);
    expect(found.imported.map((s) => [s.id, s.name, s.status])).toEqual([
      [created.id, name, 'Ready'],
    ]);
    expect(e.engine.list(testCluster().context).map((s) => s.id)).toEqual([created.id]);

    await e.engine.delete(created.id);
    const deleted = await settledStore(e, created.id);
    expect(deleted).toMatchObject({ status: 'Deleted', error: null });
    expect(e.engine.list(testCluster().context)).toEqual([]);
    const cluster = testStoreCluster();
    expect(await cluster.findLeftovers(created.namespace, created.id)).toEqual([]);
    expect(await cluster.getNamespace(created.namespace)).toBeNull();
    expect(await helmReleases(testCluster(), created.namespace)).toEqual([]);
    const steps = e.engine
      .get(created.id)
      .events.filter((ev) => ev.status === 'succeeded')
      .map((ev) => ev.step);
    expect(steps.slice(-3)).toEqual(['uninstall', 'delete-namespace', 'check-leftovers']);
  });

  it('upgrades and rolls back with the same passwords, and never lets a password out', async () => {
    const e = await engines.start();
    const name = uniqueName('secret');
    standIn().addStore(`${name}.localhost`);
    const thrown: string[] = [];
    const created = e.engine.create({ context: testCluster().context, name, kind: 'woocommerce' });
    await e.engine.revealCredentials(created.id).catch((err: unknown) => thrown.push(String(err)));
    expect(thrown[0]).toMatch(/not-ready|Ready/);
    await settledStore(e, created.id);
    const secretName = `${name}-credentials`;
    const before = await testStoreCluster().readSecretData(created.namespace, secretName);
    const secrets = Object.values(before ?? {}).filter((v) => v.length >= 12);
    expect(secrets.length).toBeGreaterThanOrEqual(2);
    const creds = await e.engine.revealCredentials(created.id);
    expect(secrets).toContain(creds.password);

    await e.engine.upgrade({ storeId: created.id, memoryLimit: '600Mi' });
    expect(await settledStore(e, created.id)).toMatchObject({ status: 'Ready', helmRevision: 2 });
    await expect(e.engine.rollback(created.id, 9)).rejects.toThrow(
      /Revision 9 is not in this store's history/,
    );
    await e.engine.rollback(created.id, 1);
    expect(await settledStore(e, created.id)).toMatchObject({ status: 'Ready', helmRevision: 3 });
    expect((await e.engine.history(created.id)).map((r) => r.revision)).toEqual([1, 2, 3]);
    expect(await testStoreCluster().readSecretData(created.namespace, secretName)).toEqual(before);
    expect(standIn().orders(`${name}.localhost`)).toHaveLength(3);

    await e.engine
      .upgrade({ storeId: created.id, memoryLimit: 'lots' })
      .catch((err: unknown) => thrown.push(String(err)));
    await e.engine.delete(created.id);
    await settledStore(e, created.id);
    e.db.pragma('wal_checkpoint(PASSIVE)');

    const haystacks = [
      JSON.stringify(e.engine.get(created.id)),
      e.logs.join('\n'),
      thrown.join('\n'),
      ...(await Promise.all(
        (await readdir(e.dataDir))
          .filter((f) => f.startsWith('storefleet.db'))
          .map((f) => readFile(join(e.dataDir, f), 'latin1')),
      )),
    ];
    expect(haystacks.length).toBeGreaterThanOrEqual(4);
    for (const secret of secrets) {
      for (const text of haystacks) expect(text.includes(secret)).toBe(false);
    }
  });
});
