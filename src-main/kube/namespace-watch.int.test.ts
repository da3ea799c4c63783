// The namespace watch against the test cluster's real API server: Storefleet's namespaces are
// reported as they appear, start terminating and go; anyone else's are not.
import { afterAll, describe, expect, it } from 'vitest';
import { removeNamespace, testClients, uniqueName } from '../../test-rig/kube/int-test-env';
import { STORE_ID_LABEL, STORE_NAME_LABEL } from './labels';
import { deleteNamespace, ensureNamespace } from './namespace';
import { watchManagedNamespaces, type NamespaceChange } from './namespace-watch';
import { waitUntil } from './wait';

const c = testClients();
const created: string[] = [];

afterAll(async () => {
  await Promise.all(created.map((name) => removeNamespace(c, name)));
});

describe('watchManagedNamespaces', () => {
  it('reports a store namespace appearing, terminating and gone within seconds, and no other', async () => {
    const seen: [NamespaceChange, string][] = [];
    const controller = new AbortController();
    const watching = watchManagedNamespaces(c.kc, (change, name) => seen.push([change, name]), {
      signal: controller.signal,
    });
    const saw = (change: NamespaceChange, name: string, timeoutMs = 10_000): Promise<true> =>
      waitUntil(
        () => Promise.resolve(seen.some(([x, n]) => x === change && n === name) || undefined),
        { timeoutMs, intervalMs: 50, what: `${change} ${name}` },
      );

    const store = uniqueName('store-watch');
    const other = uniqueName('not-ours');
    created.push(store, other);
    const asked = Date.now();
    await ensureNamespace(c, store, { [STORE_ID_LABEL]: `id-${store}`, [STORE_NAME_LABEL]: store });
    await c.core.createNamespace({ body: { metadata: { name: other } } });
    await saw('ADDED', store);

    await deleteNamespace(c, store);
    // Terminating first (MODIFIED), then gone (DELETED) once the namespace controller is done.
    await saw('MODIFIED', store);
    await saw('DELETED', store, 60_000);
    expect(Date.now() - asked).toBeLessThan(60_000);
    expect(seen.some(([, name]) => name === other)).toBe(false);

    controller.abort();
    await expect(watching).resolves.toBeUndefined();
  });

  it('fails, rather than hanging, when the API server cannot be reached', async () => {
    const kc = testClients().kc;
    const cluster = kc.getCurrentCluster();
    if (!cluster) throw new Error('the test kubeconfig has no cluster');
    // A port nothing listens on: the connection is refused at once.
    kc.clusters = kc.clusters.map((x) =>
      x.name === cluster.name ? { ...x, server: 'https://127.0.0.1:1' } : x,
    );
    const controller = new AbortController();
    await expect(
      watchManagedNamespaces(kc, () => undefined, {
        signal: controller.signal,
        connectTimeoutMs: 5_000,
      }),
    ).rejects.toThrow();
  });
});
