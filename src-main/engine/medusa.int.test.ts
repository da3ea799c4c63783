import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import {
  helmReleases,
  settledStore,
  testStoreCluster,
  uniqueName,
  useStandInEngines,
  type IntEngine,
} from '../../test-rig/engine/int-support';
import {
  STAND_IN_MEDUSA_IMAGE,
  medusaImageOverride,
  towardMedusaStandIn,
  useMedusaStandIn,
} from '../../test-rig/engine/medusa-int-support';
import { createKubeClients } from '../kube/client';
import { medusaDriver } from '../store-kinds/medusa/driver';
import { MEDUSA_PROVISION_STEPS, PROVISION_STEPS } from '../../src-shared/types/store-types';

const { engines, standIn } = useStandInEngines();
const medusaStandIn = useMedusaStandIn();

async function startEngine(medusaNames: ReadonlySet<string>): Promise<IntEngine> {
  return engines.start({
    overrideValues: medusaImageOverride(medusaNames),
    wrapMedusaDriver: towardMedusaStandIn(medusaStandIn),
  });
}

function milestones(e: IntEngine, storeId: string): string[] {
  return e.engine
    .get(storeId)
    .events.filter((ev) => ev.status === 'started' || ev.status === 'succeeded')
    .map((ev) => `${ev.step}:${ev.status}`);
}

async function workloadNames(namespace: string): Promise<string[]> {
  const c = createKubeClients({
    kubeconfig: testCluster().kubeconfigPath,
    context: testCluster().context,
  });
  const [sets, deployments, jobs] = await Promise.all([
    c.apps.listNamespacedStatefulSet({ namespace }),
    c.apps.listNamespacedDeployment({ namespace }),
    c.batch.listNamespacedJob({ namespace }),
  ]);
  return [...sets.items, ...deployments.items, ...jobs.items]
    .map((o) => o.metadata?.name ?? '')
    .sort();
}

describe('Medusa stores on the test cluster (storefront: local Medusa stand-in)', () => {
  it('takes a Medusa store to Ready through its own steps, then deletes it leaving nothing', async () => {
    const name = uniqueName('medusa');
    const e = await startEngine(new Set([name]));
    const ordersBefore = medusaStandIn().orders().length;
    const created = e.engine.create({ context: testCluster().context, name, kind: 'medusa' });
    expect(created).toMatchObject({ kind: 'medusa', status: 'Queued', namespace: `store-${name}` });
    expect(created.adminUrl).toBe(`${created.url}/app`);

    const store = await settledStore(e, created.id);
    expect(store).toMatchObject({ status: 'Ready', step: null, error: null, helmRevision: 1 });
    expect(store.version).toBeUndefined();
    expect(milestones(e, store.id)).toEqual(
      MEDUSA_PROVISION_STEPS.flatMap((s) => [`${s}:started`, `${s}:succeeded`]),
    );
    const succeeded = new Map(
      e.engine
        .get(store.id)
        .events.filter((ev) => ev.status === 'succeeded')
        .map((ev) => [ev.step, ev.message]),
    );
    expect(succeeded.get('image')).toBe(
      `Using the Medusa image ${STAND_IN_MEDUSA_IMAGE.repository}:${STAND_IN_MEDUSA_IMAGE.tag} named in the values.`,
    );
    expect(succeeded.get('verify')).toMatch(
      /^Order #\d+ placed with the system payment provider \(pending\)$/,
    );
    const orders = medusaStandIn().orders().slice(ordersBefore);
    expect(orders).toHaveLength(1);
    expect(succeeded.get('verify')).toContain(`#${orders[0]?.display_id ?? '?'}`);

    // What the store keeps: the publishable key the verify learned, no cart left half-done,
    // and no image settings (the values name the image).
    expect(e.repo.settings(store.id)).toEqual({
      publishableKey: medusaStandIn().switches.keys.find((k) => k.title === 'Storefleet Storefront')
        ?.token,
    });

    expect(await workloadNames(store.namespace)).toEqual([
      `${name}-medusa`,
      `${name}-postgres`,
      expect.stringMatching(new RegExp(`^${name}-setup-[0-9a-f]{8}$`)),
    ]);
    const secret = await testStoreCluster().readSecretData(store.namespace, `${name}-credentials`);
    // What Connect to database is told matches what the chart made.
    const access = medusaDriver.databaseAccess?.(store);
    const c = createKubeClients({
      kubeconfig: testCluster().kubeconfigPath,
      context: testCluster().context,
    });
    const service = await c.core.readNamespacedService({
      name: access?.service ?? '',
      namespace: store.namespace,
    });
    expect(service.spec?.ports?.map((p) => p.name)).toContain(access?.servicePort);
    expect(secret?.[access?.passwordKey ?? '']).toMatch(/^[A-Za-z0-9]{24,}$/);
    const creds = await e.engine.revealCredentials(store.id);
    expect(creds).toEqual({
      username: `admin@${name}.localhost`,
      password: secret?.['admin-password'],
      adminUrl: `${store.url}/app`,
      publishableKey: 'pk_storefleet00000000000000000000000000000000',
    });
    expect(creds.password).toMatch(/^[A-Za-z0-9]{24,}$/);

    await expect(
      e.engine.upgrade({ storeId: store.id, woocommerceVersion: '9.9.0' }),
    ).rejects.toThrow(
      'The WooCommerce version cannot be changed on a Medusa store; its upgrade can change the memory limit.',
    );

    await e.engine.delete(store.id);
    expect(await settledStore(e, store.id)).toMatchObject({ status: 'Deleted', error: null });
    const cluster = testStoreCluster();
    expect(await cluster.findLeftovers(store.namespace, store.id)).toEqual([]);
    expect(await cluster.getNamespace(store.namespace)).toBeNull();
    expect(await helmReleases(testCluster(), store.namespace)).toEqual([]);
  });

  it('runs a WooCommerce and a Medusa store side by side, each with its own objects', async () => {
    const woo = uniqueName('woo');
    const med = uniqueName('med');
    const e = await startEngine(new Set([med]));
    standIn().addStore(`${woo}.localhost`);
    const a = e.engine.create({ context: testCluster().context, name: woo, kind: 'woocommerce' });
    const b = e.engine.create({ context: testCluster().context, name: med, kind: 'medusa' });
    const [wooStore, medStore] = await Promise.all([settledStore(e, a.id), settledStore(e, b.id)]);
    expect(wooStore).toMatchObject({ kind: 'woocommerce', status: 'Ready' });
    expect(medStore).toMatchObject({ kind: 'medusa', status: 'Ready' });
    expect(wooStore.adminUrl).toBe(`${wooStore.url}/wp-admin/`);
    expect(milestones(e, a.id)).toEqual(
      PROVISION_STEPS.flatMap((s) => [`${s}:started`, `${s}:succeeded`]),
    );
    expect(milestones(e, b.id)).toEqual(
      MEDUSA_PROVISION_STEPS.flatMap((s) => [`${s}:started`, `${s}:succeeded`]),
    );
    expect(standIn().orders(`${woo}.localhost`)).toHaveLength(1);
    const wooObjects = await workloadNames(wooStore.namespace);
    expect(wooObjects).toEqual(expect.arrayContaining([`${woo}-mariadb`, `${woo}-wordpress`]));
    expect(wooObjects.filter((n) => /medusa|postgres|setup/.test(n))).toEqual([]);
    expect(await workloadNames(medStore.namespace)).toEqual([
      `${med}-medusa`,
      `${med}-postgres`,
      expect.stringMatching(new RegExp(`^${med}-setup-[0-9a-f]{8}$`)),
    ]);
    expect((await e.engine.revealCredentials(a.id)).username).toBe('admin');
    expect((await e.engine.revealCredentials(b.id)).username).toBe(`admin@${med}.localhost`);

    // Upgrading the Medusa store runs its image step again and leaves the other store alone.
    await e.engine.upgrade({ storeId: b.id, memoryLimit: '900Mi' });
    expect(await settledStore(e, b.id)).toMatchObject({ status: 'Ready', helmRevision: 2 });
    const upgradeSteps = milestones(e, b.id).slice(MEDUSA_PROVISION_STEPS.length * 2);
    expect(upgradeSteps.filter((m) => m.endsWith(':started'))).toEqual([
      'image:started',
      'upgrade:started',
      'wait-postgres:started',
      'wait-medusa:started',
      'setup:started',
      'verify:started',
    ]);
    expect(e.repo.get(a.id)).toMatchObject({ status: 'Ready', helmRevision: 1 });

    await e.engine.delete(b.id);
    expect(await settledStore(e, b.id)).toMatchObject({ status: 'Deleted' });
    expect(e.repo.get(a.id)).toMatchObject({ status: 'Ready' });
    expect(await testStoreCluster().getNamespace(wooStore.namespace)).not.toBeNull();
    await e.engine.delete(a.id);
    expect(await settledStore(e, a.id)).toMatchObject({ status: 'Deleted' });
    for (const s of [wooStore, medStore]) {
      expect(await testStoreCluster().findLeftovers(s.namespace, s.id)).toEqual([]);
      expect(await testStoreCluster().getNamespace(s.namespace)).toBeNull();
    }
  });

  it('keeps the cart of an interrupted verify and completes that cart on retry: one order', async () => {
    const name = uniqueName('cart');
    const e = await startEngine(new Set([name]));
    const ordersBefore = medusaStandIn().orders().length;
    medusaStandIn().switches.dropCompleteAnswer = true;
    const created = e.engine.create({ context: testCluster().context, name, kind: 'medusa' });
    const failed = await settledStore(e, created.id);
    medusaStandIn().switches.dropCompleteAnswer = false;
    expect(failed).toMatchObject({ status: 'Failed', step: 'verify' });
    const kept = e.repo.settings(created.id).verifyCartId;
    expect(kept).toMatch(/^cart_/);
    expect(medusaStandIn().orders().slice(ordersBefore)).toHaveLength(1);

    await e.engine.retry(created.id);
    expect(await settledStore(e, created.id)).toMatchObject({ status: 'Ready' });
    const orders = medusaStandIn().orders().slice(ordersBefore);
    expect(orders).toHaveLength(1);
    expect(orders[0]?.cart_id).toBe(kept);
    expect(e.repo.settings(created.id).verifyCartId).toBeUndefined();
  });

  it('fails at the image step, before anything is created, when the cluster cannot use an image built here', async () => {
    const name = uniqueName('noimg');
    // Not a k3d context, and no image named in the values: nothing for this store to run.
    const e = await startEngine(new Set());
    const created = e.engine.create({ context: testCluster().context, name, kind: 'medusa' });
    const failed = await settledStore(e, created.id);
    expect(failed).toMatchObject({ status: 'Failed', step: 'image', helmRevision: null });
    expect(failed.error).toMatch(
      /^This cluster cannot use an image built here: .*values-prod\.yaml/,
    );
    expect(await testStoreCluster().getNamespace(failed.namespace)).toBeNull();
    expect(milestones(e, created.id)).toEqual([
      'validate:started',
      'validate:succeeded',
      'image:started',
    ]);
  });
});
