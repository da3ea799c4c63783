// Namespace, Secret and leftover checks the engine needs, over the Kubernetes client.
import type { KubeClients } from '../kube/client';
import { errorText, isAlreadyExists, isNotFound, readOrUndefined } from '../kube/client';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, STORE_ID_LABEL } from '../kube/labels';
import { waitUntil } from '../kube/wait';
import type { WaitOptions } from './cluster-port';

/** Creates the namespace, or accepts it when it already belongs to the same store. */
export async function ensureStoreNamespace(
  c: KubeClients,
  name: string,
  labels: Record<string, string>,
): Promise<'created' | 'existing'> {
  const storeId = labels[STORE_ID_LABEL];
  const check = async (): Promise<'existing'> => {
    const ns = await c.core.readNamespace({ name });
    const found = ns.metadata?.labels ?? {};
    if (found[MANAGED_BY_LABEL] !== MANAGED_BY_VALUE) {
      throw new Error(
        `Namespace ${name} already exists and is not managed by Storefleet; choose another store name.`,
      );
    }
    if (found[STORE_ID_LABEL] !== storeId) {
      throw new Error(
        `Namespace ${name} belongs to another Storefleet store (${found[STORE_ID_LABEL] ?? 'unknown'}); choose another store name.`,
      );
    }
    if (ns.metadata?.deletionTimestamp) {
      throw new Error(`Namespace ${name} is still being deleted; try again when it is gone.`);
    }
    return 'existing';
  };
  const existing = await readOrUndefined(() => c.core.readNamespace({ name }));
  if (existing) return check();
  try {
    await c.core.createNamespace({ body: { metadata: { name, labels } } });
    return 'created';
  } catch (error) {
    if (isAlreadyExists(error)) return check();
    throw new Error(`Could not create namespace ${name}: ${errorText(error)}`, { cause: error });
  }
}

export async function deleteStoreNamespace(c: KubeClients, name: string): Promise<void> {
  try {
    await c.core.deleteNamespace({ name });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

export async function waitForNamespaceDeleted(
  c: KubeClients,
  name: string,
  o: WaitOptions,
): Promise<void> {
  let phase = 'present';
  await waitUntil(
    async () => {
      const ns = await readOrUndefined(() => c.core.readNamespace({ name }));
      if (!ns) return true;
      const next = ns.status?.phase ?? 'present';
      if (next !== phase) o.onProgress?.(`namespace ${name}: ${next}`);
      phase = next;
      return undefined;
    },
    {
      timeoutMs: o.timeoutMs,
      signal: o.signal,
      what: `namespace ${name} to be deleted`,
      lastState: () => phase,
      intervalMs: 250,
    },
  );
}

/** Decoded Secret data, or null when there is no such Secret. */
export async function readDecodedSecret(
  c: KubeClients,
  namespace: string,
  name: string,
): Promise<Record<string, string> | null> {
  const secret = await readOrUndefined(() => c.core.readNamespacedSecret({ name, namespace }));
  if (!secret) return null;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(secret.data ?? {})) {
    out[key] = Buffer.from(value, 'base64').toString('utf8');
  }
  return out;
}

/**
 * What of a store is still in the cluster: its namespace (when it is the store's), volumes
 * whose claim was in that namespace, and objects labelled with the store id anywhere.
 */
export async function storeLeftovers(
  c: KubeClients,
  namespace: string,
  storeId: string,
): Promise<string[]> {
  const left: string[] = [];
  const selector = `${STORE_ID_LABEL}=${storeId}`;
  const ns = await readOrUndefined(() => c.core.readNamespace({ name: namespace }));
  if (ns?.metadata?.labels?.[STORE_ID_LABEL] === storeId) left.push(`Namespace ${namespace}`);
  const pvs = await c.core.listPersistentVolume();
  // A volume claimed in a namespace that is not the store's belongs to whoever owns it.
  const ownsNamespace = !ns || ns.metadata?.labels?.[STORE_ID_LABEL] === storeId;
  for (const pv of pvs.items) {
    const labelled = pv.metadata?.labels?.[STORE_ID_LABEL] === storeId;
    const claimed = ownsNamespace && pv.spec?.claimRef?.namespace === namespace;
    if (labelled || claimed) left.push(`PersistentVolume ${pv.metadata?.name ?? '?'}`);
  }
  const [pvcs, secrets, ingresses, pods] = await Promise.all([
    c.core.listPersistentVolumeClaimForAllNamespaces({ labelSelector: selector }),
    c.core.listSecretForAllNamespaces({ labelSelector: selector }),
    c.networking.listIngressForAllNamespaces({ labelSelector: selector }),
    c.core.listPodForAllNamespaces({ labelSelector: selector }),
  ]);
  const named = (kind: string, items: { metadata?: { name?: string; namespace?: string } }[]) =>
    items.map((i) => `${kind} ${i.metadata?.namespace ?? '?'}/${i.metadata?.name ?? '?'}`);
  left.push(
    ...named('PersistentVolumeClaim', pvcs.items),
    ...named('Secret', secrets.items),
    ...named('Ingress', ingresses.items),
    ...named('Pod', pods.items),
  );
  return left;
}
