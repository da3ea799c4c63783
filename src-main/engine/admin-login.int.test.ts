// One-click admin login on the test cluster with the real chart and Helm: the engine's login key
// lands in the store's Secret under the name the plugin's env reads, the engine signs the admin
// URL from it, an upgrade keeps it, and a store whose Secret lacks it gains one on its next upgrade.
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import {
  settledStore,
  uniqueName,
  useStandInEngines,
  type IntEngine,
} from '../../test-rig/engine/int-support';
import { createKubeClients } from '../kube/client';
import { readAdminLoginToken } from '../store-kinds/woocommerce/admin-login-token';

const { engines, standIn } = useStandInEngines();

function core() {
  const c = testCluster();
  return createKubeClients({ kubeconfig: c.kubeconfigPath, context: c.context });
}

async function loginKey(namespace: string, name: string): Promise<string | undefined> {
  const secret = await core().core.readNamespacedSecret({ namespace, name: `${name}-credentials` });
  const encoded = secret.data?.['login-key'];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf8');
}

async function readyStore(e: IntEngine, prefix: string) {
  const name = uniqueName(prefix);
  standIn().addStore(`${name}.localhost`);
  const created = e.engine.create({ context: testCluster().context, name, kind: 'woocommerce' });
  const store = await settledStore(e, created.id);
  expect(store.status).toBe('Ready');
  return { store, name };
}

describe('one-click admin login on the test cluster (storefront: local Store API stand-in)', () => {
  it('signs the admin URL with the key in the store’s Secret, which WordPress reads and an upgrade keeps', async () => {
    const e = await engines.start();
    const { store, name } = await readyStore(e, 'oneclick');
    const key = await loginKey(store.namespace, name);
    expect(key).toMatch(/^[A-Za-z0-9]{64}$/);

    const deployment = await core().apps.readNamespacedDeployment({
      namespace: store.namespace,
      name: `${name}-wordpress`,
    });
    const env = deployment.spec?.template.spec?.containers[0]?.env ?? [];
    expect(env.find((v) => v.name === 'STOREFLEET_LOGIN_KEY')?.valueFrom?.secretKeyRef).toEqual({
      name: `${name}-credentials`,
      key: 'login-key',
      optional: true,
    });

    const url = new URL((await e.engine.adminLoginUrl(store.id)) ?? '');
    expect(`${url.origin}/`).toBe(new URL(store.url).href);
    const token = url.searchParams.get('storefleet-login') ?? '';
    expect(readAdminLoginToken(token, key ?? '')?.user).toBe('admin');

    await e.engine.upgrade({ storeId: store.id, memoryLimit: '640Mi' });
    expect(await settledStore(e, store.id)).toMatchObject({ status: 'Ready', helmRevision: 2 });
    expect(await loginKey(store.namespace, name)).toBe(key);
    const told = JSON.stringify([e.logs, e.engine.get(store.id)]);
    expect(told).not.toContain(token);
    expect(told).not.toContain(key);
  });

  it('gives a store whose Secret has no login key one on its next upgrade', async () => {
    const e = await engines.start();
    const { store, name } = await readyStore(e, 'olderkey');
    await core().core.patchNamespacedSecret({
      namespace: store.namespace,
      name: `${name}-credentials`,
      body: [{ op: 'remove', path: '/data/login-key' }],
    });
    expect(await loginKey(store.namespace, name)).toBeUndefined();
    expect(await e.engine.adminLoginUrl(store.id)).toBeNull();

    await e.engine.upgrade({ storeId: store.id, memoryLimit: '640Mi' });
    expect(await settledStore(e, store.id)).toMatchObject({ status: 'Ready' });
    expect(await loginKey(store.namespace, name)).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(await e.engine.adminLoginUrl(store.id)).toMatch(/\?storefleet-login=/);
  });
});
