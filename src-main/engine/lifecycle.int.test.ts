// Stop/start and kept settings against the test cluster; storefronts are the local Store API
// stand-in, so "verify" places real orders through the production client against it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { createKubeClients } from '../kube/client';
import { HelmClient } from '../tools/helm';
import {
  useStandInEngines,
  settledStore,
  uniqueName,
  type IntEngine,
} from '../../test-rig/engine/int-support';

const { engines, standIn } = useStandInEngines();

function kube() {
  const c = testCluster();
  return createKubeClients({ kubeconfig: c.kubeconfigPath, context: c.context });
}

function helm() {
  const c = testCluster();
  return new HelmClient({
    helmPath: join(c.binDir, 'helm'),
    target: { kubeconfig: c.kubeconfigPath, context: c.context },
  });
}

async function replicas(name: string, ns: string): Promise<[number, number]> {
  const c = kube();
  const sts = await c.apps.readNamespacedStatefulSet({ name: `${name}-mariadb`, namespace: ns });
  const dep = await c.apps.readNamespacedDeployment({ name: `${name}-wordpress`, namespace: ns });
  return [sts.spec?.replicas ?? -1, dep.spec?.replicas ?? -1];
}

async function wordpressMemory(name: string, ns: string): Promise<string | undefined> {
  const dep = await kube().apps.readNamespacedDeployment({
    name: `${name}-wordpress`,
    namespace: ns,
  });
  const container = dep.spec?.template.spec?.containers.find((c) => c.name === 'wordpress');
  return container?.resources?.limits?.memory;
}

async function readyStore(e: IntEngine, prefix: string) {
  const name = uniqueName(prefix);
  standIn().addStore(`${name}.localhost`);
  const created = e.engine.create({ context: testCluster().context, name, kind: 'woocommerce' });
  expect(await settledStore(e, created.id)).toMatchObject({ status: 'Ready' });
  return { name, store: created };
}

describe('stop and start (storefront: local Store API stand-in)', () => {
  it('scales a Ready store to zero and back, keeping its settings, and orders again before Ready', async () => {
    const e = await engines.start();
    const { name, store } = await readyStore(e, 'power');
    await expect(e.engine.start(store.id)).rejects.toMatchObject({ code: 'conflict' });
    await e.engine.upgrade({ storeId: store.id, memoryLimit: '640Mi' });
    expect(await settledStore(e, store.id)).toMatchObject({ status: 'Ready', helmRevision: 2 });

    await e.engine.stop(store.id);
    expect(e.repo.get(store.id)).toMatchObject({ status: 'Updating', step: 'stop' });
    expect(await settledStore(e, store.id)).toMatchObject({
      status: 'Stopped',
      step: null,
      helmRevision: 3,
    });
    expect(await replicas(name, store.namespace)).toEqual([0, 0]);
    expect(await wordpressMemory(name, store.namespace)).toBe('640Mi');
    expect(e.repo.settings(store.id)).toEqual({ memoryLimit: '640Mi', stopped: 'true' });
    await expect(e.engine.stop(store.id)).rejects.toMatchObject({ code: 'not-ready' });
    await expect(
      e.engine.upgrade({ storeId: store.id, woocommerceVersion: '10.3.0' }),
    ).rejects.toMatchObject({ code: 'not-ready' });
    await expect(e.engine.revealCredentials(store.id)).rejects.toMatchObject({
      code: 'not-ready',
    });

    await e.engine.start(store.id);
    expect(await settledStore(e, store.id)).toMatchObject({
      status: 'Ready',
      error: null,
      helmRevision: 4,
    });
    expect(await replicas(name, store.namespace)).toEqual([1, 1]);
    expect(await wordpressMemory(name, store.namespace)).toBe('640Mi');
    expect(e.repo.settings(store.id)).toEqual({ memoryLimit: '640Mi' });
    // create, upgrade, start: each ended with a real order.
    expect(standIn().orders(`${name}.localhost`)).toHaveLength(3);

    const steps = e.engine
      .get(store.id)
      .events.filter((ev) => ev.status === 'succeeded')
      .map((ev) => ev.step);
    const afterUpgrade = steps.slice(steps.lastIndexOf('upgrade') + 1);
    expect(afterUpgrade).toEqual([
      'wait-mariadb',
      'wait-wordpress',
      'bootstrap',
      'verify',
      'stop',
      'start',
      'wait-mariadb',
      'wait-wordpress',
      'verify',
    ]);
  });
});

describe('kept settings across upgrades and rollbacks', () => {
  it('a second upgrade keeps the first one’s change; rollback restores that revision’s values', async () => {
    const e = await engines.start();
    const { name, store } = await readyStore(e, 'keep');

    await e.engine.upgrade({ storeId: store.id, memoryLimit: '600Mi' });
    expect(await settledStore(e, store.id)).toMatchObject({ status: 'Ready', helmRevision: 2 });
    await e.engine.upgrade({ storeId: store.id, woocommerceVersion: '10.3.0' });
    expect(await settledStore(e, store.id)).toMatchObject({ status: 'Ready', helmRevision: 3 });
    expect(await wordpressMemory(name, store.namespace)).toBe('600Mi');
    const rev3 = await helm().getValues(name, store.namespace, 3);
    expect(rev3).toMatchObject({
      woocommerce: { version: '10.3.0' },
      wordpress: { resources: { limits: { memory: '600Mi' } } },
    });
    expect(e.repo.settings(store.id)).toEqual({
      memoryLimit: '600Mi',
      woocommerceVersion: '10.3.0',
    });

    await e.engine.rollback(store.id, 2);
    expect(await settledStore(e, store.id)).toMatchObject({ status: 'Ready', helmRevision: 4 });
    expect(e.repo.settings(store.id)).toEqual({ memoryLimit: '600Mi' });
    expect(await wordpressMemory(name, store.namespace)).toBe('600Mi');

    // The next change builds on the rolled-back settings, not on revision 3's.
    await e.engine.upgrade({ storeId: store.id, wordpressImageTag: '6.8.3-php8.3-apache' });
    expect(await settledStore(e, store.id)).toMatchObject({ status: 'Ready', helmRevision: 5 });
    const rev5 = await helm().getValues(name, store.namespace);
    expect(rev5).toMatchObject({
      images: { wordpress: { tag: '6.8.3-php8.3-apache' } },
      wordpress: { resources: { limits: { memory: '600Mi' } } },
    });
    expect(rev5).not.toHaveProperty('woocommerce.version');

    // Revision 1 was installed with the values file alone: rolling back to it keeps no setting,
    // so the values file's defaults are not pinned on the store.
    await e.engine.rollback(store.id, 1);
    expect(await settledStore(e, store.id)).toMatchObject({ status: 'Ready', helmRevision: 6 });
    expect(e.repo.settings(store.id)).toEqual({});
    expect(await wordpressMemory(name, store.namespace)).toBe('512Mi');
  });
});
