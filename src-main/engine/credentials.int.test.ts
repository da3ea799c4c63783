import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { makeStore } from '../db/test-helpers';
import { woocommerceDriver } from '../store-kinds/woocommerce/driver';
import { generateSecrets, SECRET_KEYS } from '../store-kinds/woocommerce/secrets';
import { createKubeClients } from '../kube/client';
import { readCredentials, readStoreSecretData } from './credentials';
import { Redactor, REDACTED } from './redactor';
import { testStoreCluster, uniqueName } from '../../test-rig/engine/int-support';

const name = uniqueName('redact');
const store = { id: `id-${randomBytes(4).toString('hex')}`, name, namespace: `store-${name}` };
const secrets = generateSecrets();
const password = secrets.wordpressAdminPassword ?? '';

function kube(): ReturnType<typeof createKubeClients> {
  const c = testCluster();
  return createKubeClients({ kubeconfig: c.kubeconfigPath, context: c.context });
}

beforeAll(async () => {
  const { core } = kube();
  await core.createNamespace({ body: { metadata: { name: store.namespace } } });
  const stringData: Record<string, string> = { 'wordpress-admin-user': 'admin' };
  for (const [key, secretKey] of Object.entries(SECRET_KEYS))
    stringData[secretKey] = secrets[key] ?? '';
  await core.createNamespacedSecret({
    namespace: store.namespace,
    body: {
      metadata: { name: woocommerceDriver.workloads(store).credentialsSecret },
      stringData,
    },
  });
});

afterAll(async () => {
  await kube()
    .core.deleteNamespace({ name: store.namespace })
    .catch(() => undefined);
});

describe("the redactor learns a store's passwords whenever its Secret is read (test cluster)", () => {
  const failure = `Error: UPGRADE FAILED: values don't meet the specifications: at '/adminPassword': '${password}'`;

  it('a fresh redactor (after a restart) scrubs nothing until the Secret is read, then scrubs it', async () => {
    expect(password.length).toBeGreaterThan(20);
    const redactor = new Redactor();
    expect(redactor.redact(store.id, failure)).toContain(password);

    const data = await readStoreSecretData(testStoreCluster(), woocommerceDriver, store, redactor);
    expect(data?.['wordpress-admin-password']).toBe(password);
    const scrubbed = redactor.redact(store.id, failure);
    expect(scrubbed).not.toContain(password);
    expect(scrubbed).toContain(`'/adminPassword': '${REDACTED}'`);
  });

  it('revealing the credentials teaches the redactor too', async () => {
    const redactor = new Redactor();
    const full = makeStore({ ...store, adminUrl: `http://${name}.localhost/wp-admin/` });
    const creds = await readCredentials(testStoreCluster(), woocommerceDriver, full, redactor);
    expect(creds).toMatchObject({ password });
    expect(redactor.redactAll(failure)).not.toContain(password);
  });
});
