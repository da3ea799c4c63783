import { afterAll, describe, expect, it } from 'vitest';
import { removeNamespace, testClients, uniqueName } from '../../test-rig/kube/int-test-env';
import { MANAGED_BY_LABEL, STORE_ID_LABEL, STORE_NAME_LABEL } from './labels';
import {
  deleteNamespace,
  deleteNamespacePodsAndClaims,
  ensureNamespace,
  listManagedNamespaces,
  waitForNamespaceGone,
} from './namespace';
import { readSecretData } from './secret';
import { WaitTimeoutError } from './wait';

const c = testClients();
const created: string[] = [];
const HOLD = 'storefleet.test/hold';

function storeNamespace(): { name: string; labels: Record<string, string> } {
  const name = uniqueName('store');
  created.push(name);
  return { name, labels: { [STORE_ID_LABEL]: `id-${name}`, [STORE_NAME_LABEL]: name } };
}

async function labelsOf(name: string): Promise<Record<string, string>> {
  return (await c.core.readNamespace({ name })).metadata?.labels ?? {};
}

const held: string[] = [];

async function release(namespace: string): Promise<void> {
  await c.core.patchNamespacedConfigMap({
    name: 'held',
    namespace,
    body: [{ op: 'remove', path: '/metadata/finalizers' }],
  });
  held.splice(held.indexOf(namespace), 1);
}

afterAll(async () => {
  // A failed test may leave its finalizer behind; the namespace could never go away then.
  for (const namespace of [...held]) await release(namespace);
  await Promise.all(created.map((name) => removeNamespace(c, name)));
});

describe('ensureNamespace', () => {
  it('creates the namespace with our labels, then finds it existing', async () => {
    const { name, labels } = storeNamespace();
    await expect(ensureNamespace(c, name, labels)).resolves.toBe('created');
    await expect(ensureNamespace(c, name, labels)).resolves.toBe('existing');
    expect(await labelsOf(name)).toMatchObject({ ...labels, [MANAGED_BY_LABEL]: 'storefleet' });
  });

  it('brings the labels of an existing store namespace up to date', async () => {
    const { name, labels } = storeNamespace();
    await ensureNamespace(c, name, labels);
    const more = { ...labels, 'pod-security.kubernetes.io/enforce': 'baseline' };
    await expect(ensureNamespace(c, name, more)).resolves.toBe('existing');
    expect(await labelsOf(name)).toMatchObject(more);
  });

  it('refuses a namespace that is not managed by Storefleet and leaves it untouched', async () => {
    const name = uniqueName('foreign');
    created.push(name);
    await c.core.createNamespace({ body: { metadata: { name, labels: { team: 'payments' } } } });
    await expect(ensureNamespace(c, name, { [STORE_ID_LABEL]: 'x' })).rejects.toThrow(
      `namespace ${name} exists and is not managed by Storefleet`,
    );
    expect(await labelsOf(name)).toEqual({ team: 'payments', 'kubernetes.io/metadata.name': name });
  });

  it('refuses a Storefleet namespace that belongs to another store', async () => {
    const { name, labels } = storeNamespace();
    await ensureNamespace(c, name, labels);
    const other = { ...labels, [STORE_ID_LABEL]: 'someone-else' };
    await expect(ensureNamespace(c, name, other)).rejects.toThrow(
      `namespace ${name} exists and is not managed by Storefleet for this store`,
    );
    expect((await labelsOf(name))[STORE_ID_LABEL]).toBe(labels[STORE_ID_LABEL]);
  });

  it('rejects an invalid name before calling the cluster', async () => {
    await expect(ensureNamespace(c, 'Bad_Name', {})).rejects.toThrow(
      '"Bad_Name" is not a valid namespace name',
    );
  });
});

describe('deleteNamespace and waitForNamespaceGone', () => {
  it('deletes a store namespace and waits until it is gone; deleting again is a no-op', async () => {
    const { name, labels } = storeNamespace();
    await ensureNamespace(c, name, labels);
    await c.core.createNamespacedConfigMap({
      namespace: name,
      body: { metadata: { name: 'settings' }, data: { a: 'b' } },
    });
    await deleteNamespace(c, name);
    const messages: string[] = [];
    await waitForNamespaceGone(c, name, { timeoutMs: 60_000, onProgress: (m) => messages.push(m) });
    expect(messages.at(-1)).toBe(`namespace ${name}: gone`);
    await expect(c.core.readNamespace({ name })).rejects.toMatchObject({ code: 404 });
    await expect(deleteNamespace(c, name)).resolves.toBeUndefined();
  });

  it('refuses to delete a namespace Storefleet does not manage', async () => {
    const name = uniqueName('foreign');
    created.push(name);
    await c.core.createNamespace({ body: { metadata: { name } } });
    await expect(deleteNamespace(c, name)).rejects.toThrow(
      `refusing to delete namespace ${name}: it is not managed by Storefleet`,
    );
    expect((await c.core.readNamespace({ name })).status?.phase).toBe('Active');
  });

  it('names what holds a Terminating namespace, and refuses to reuse it meanwhile', async () => {
    const { name, labels } = storeNamespace();
    await ensureNamespace(c, name, labels);
    await c.core.createNamespacedConfigMap({
      namespace: name,
      body: { metadata: { name: 'held', finalizers: [HOLD] } },
    });
    held.push(name);
    await deleteNamespace(c, name);
    // The namespace controller reports what remains after its first pass, a few seconds in.
    await expect(waitForNamespaceGone(c, name, { timeoutMs: 15_000 })).rejects.toThrow(
      new RegExp(`namespace ${name}: Terminating \\(.*${HOLD}`),
    );
    await expect(ensureNamespace(c, name, labels)).rejects.toThrow(
      `namespace ${name} is still being deleted (Terminating)`,
    );
    // Kubernetes answers a second delete of a Terminating namespace with a conflict.
    await expect(deleteNamespace(c, name)).resolves.toBeUndefined();
    await expect(waitForNamespaceGone(c, name, { timeoutMs: 500 })).rejects.toBeInstanceOf(
      WaitTimeoutError,
    );
    await release(name);
    await waitForNamespaceGone(c, name, { timeoutMs: 60_000 });
  });
});

describe('deleteNamespacePodsAndClaims', () => {
  const claim = (name: string) => ({
    metadata: { name },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  const pod = (name: string) => ({
    metadata: { name },
    spec: { containers: [{ name: 'app', image: 'busybox' }] },
  });
  const names = async (namespace: string) => [
    ...(await c.core.listNamespacedPod({ namespace })).items.map((i) => `pod/${i.metadata?.name}`),
    ...(await c.core.listNamespacedPersistentVolumeClaim({ namespace })).items.map(
      (i) => `pvc/${i.metadata?.name}`,
    ),
  ];

  it('empties a store namespace being deleted of its pods and claims', async () => {
    const { name, labels } = storeNamespace();
    await ensureNamespace(c, name, labels);
    await c.core.createNamespacedPersistentVolumeClaim({ namespace: name, body: claim('data') });
    await c.core.createNamespacedPod({ namespace: name, body: pod('web') });
    // A finalizer holds the namespace in Terminating, so what is inside can be watched.
    await c.core.createNamespacedConfigMap({
      namespace: name,
      body: { metadata: { name: 'held', finalizers: [HOLD] } },
    });
    held.push(name);
    await expect(deleteNamespacePodsAndClaims(c, name)).rejects.toThrow(
      `refusing to delete pods and claims in namespace ${name}: it is not being deleted`,
    );
    expect((await names(name)).sort()).toEqual(['pod/web', 'pvc/data']);

    await deleteNamespace(c, name);
    await deleteNamespacePodsAndClaims(c, name);
    await expect.poll(() => names(name), { timeout: 10_000 }).toEqual([]);
    await release(name);
    await waitForNamespaceGone(c, name, { timeoutMs: 60_000 });
    await expect(deleteNamespacePodsAndClaims(c, name)).resolves.toBeUndefined();
  });

  it('refuses a namespace Storefleet does not manage', async () => {
    const foreign = uniqueName('foreign');
    created.push(foreign);
    await c.core.createNamespace({ body: { metadata: { name: foreign } } });
    await c.core.createNamespacedPersistentVolumeClaim({ namespace: foreign, body: claim('keep') });
    await expect(deleteNamespacePodsAndClaims(c, foreign)).rejects.toThrow(
      `refusing to delete pods and claims in namespace ${foreign}: it is not managed by Storefleet`,
    );
    expect(await names(foreign)).toEqual(['pvc/keep']);
  });
});

describe('listManagedNamespaces', () => {
  it('lists ours and not others', async () => {
    const { name, labels } = storeNamespace();
    await ensureNamespace(c, name, labels);
    const names = (await listManagedNamespaces(c)).map((n) => n.metadata?.name);
    expect(names).toContain(name);
    expect(names).not.toContain('default');
    expect(names).not.toContain('kube-system');
  });
});

describe('readSecretData', () => {
  it('decodes every key, and gives null for a missing Secret', async () => {
    const { name, labels } = storeNamespace();
    await ensureNamespace(c, name, labels);
    await c.core.createNamespacedSecret({
      namespace: name,
      body: {
        metadata: { name: 'store-credentials' },
        stringData: { username: 'admin', note: 'ünïcode ✓' },
      },
    });
    await expect(readSecretData(c, name, 'store-credentials')).resolves.toEqual({
      username: 'admin',
      note: 'ünïcode ✓',
    });
    await expect(readSecretData(c, name, 'absent')).resolves.toBeNull();
  });
});
