import type { V1Namespace } from '@kubernetes/client-node';
import { dnsLabelExpected, isDnsLabel } from '../../src-shared/rules/dns-label';
import type { KubeClients } from './client';
import { isAlreadyExists, isNotFound, readOrUndefined } from './client';
import { MANAGED_BY_LABEL, MANAGED_BY_VALUE, MANAGED_SELECTOR, STORE_ID_LABEL } from './labels';
import type { WaitOpts } from './progress-wait';
import { waitWithDiagnosis } from './progress-wait';

function checkName(name: string): void {
  if (!isDnsLabel(name)) {
    throw new Error(`"${name}" is not a valid namespace name: ${dnsLabelExpected()}`);
  }
}

function isManaged(ns: V1Namespace): boolean {
  return ns.metadata?.labels?.[MANAGED_BY_LABEL] === MANAGED_BY_VALUE;
}

/**
 * Creates the namespace with the given labels (managed-by is always added), or adopts it when it
 * is already ours for the same store, bringing its labels up to date. Refuses anything else, so a
 * store can never take over a namespace that holds someone else's work.
 */
export async function ensureNamespace(
  c: KubeClients,
  name: string,
  labels: Record<string, string>,
): Promise<'created' | 'existing'> {
  checkName(name);
  const wanted = { ...labels, [MANAGED_BY_LABEL]: MANAGED_BY_VALUE };
  const existing = await readOrUndefined(() => c.core.readNamespace({ name }));
  if (existing) {
    await adopt(c, existing, wanted);
    return 'existing';
  }
  try {
    await c.core.createNamespace({ body: { metadata: { name, labels: wanted } } });
    return 'created';
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
    // Lost a race with another creator: judge what is there now like any existing namespace.
    const now = await c.core.readNamespace({ name });
    await adopt(c, now, wanted);
    return 'existing';
  }
}

async function adopt(
  c: KubeClients,
  ns: V1Namespace,
  wanted: Record<string, string>,
): Promise<void> {
  const name = ns.metadata?.name ?? '?';
  const labels = ns.metadata?.labels ?? {};
  if (!isManaged(ns)) {
    throw new Error(
      `namespace ${name} exists and is not managed by Storefleet; choose another store name`,
    );
  }
  const wantedId = wanted[STORE_ID_LABEL];
  if (wantedId !== undefined && labels[STORE_ID_LABEL] !== wantedId) {
    throw new Error(
      `namespace ${name} exists and is not managed by Storefleet for this store (it belongs to store ${labels[STORE_ID_LABEL] ?? 'unknown'}); choose another store name`,
    );
  }
  if (ns.metadata?.deletionTimestamp || ns.status?.phase === 'Terminating') {
    throw new Error(
      `namespace ${name} is still being deleted (Terminating); try again once it is gone`,
    );
  }
  const stale = Object.entries(wanted).some(([k, v]) => labels[k] !== v);
  if (stale) {
    await c.core.patchNamespace({
      name,
      body: [
        // `test` makes the patch fail rather than overwrite a change made since the read.
        { op: 'test', path: '/metadata/resourceVersion', value: ns.metadata?.resourceVersion },
        { op: 'add', path: '/metadata/labels', value: { ...labels, ...wanted } },
      ],
    });
  }
}

/**
 * Starts deleting a Storefleet namespace; a namespace that is already gone counts as done.
 * A namespace without the managed-by label is refused: deleting it would destroy work that
 * is not ours.
 */
export async function deleteNamespace(c: KubeClients, name: string): Promise<void> {
  checkName(name);
  const ns = await readOrUndefined(() => c.core.readNamespace({ name }));
  if (!ns) return;
  if (!isManaged(ns)) {
    throw new Error(`refusing to delete namespace ${name}: it is not managed by Storefleet`);
  }
  // Deleting again while it is Terminating is refused with a conflict; it is already on its way.
  if (ns.metadata?.deletionTimestamp) return;
  try {
    await c.core.deleteNamespace({ name, body: { propagationPolicy: 'Background' } });
  } catch (error) {
    if (!isNotFound(error)) throw error;
  }
}

/** Waits until the namespace is gone, reporting what Kubernetes says is still holding it. */
export function waitForNamespaceGone(c: KubeClients, name: string, o: WaitOpts): Promise<void> {
  // One cheap read per poll, and a delete's last step: poll it faster than the workload waits.
  return waitWithDiagnosis(`namespace ${name} to be deleted`, { pollMs: 200, ...o }, async () => {
    const ns = await readOrUndefined(() => c.core.readNamespace({ name }));
    if (!ns) return { done: true, summary: `namespace ${name}: gone` };
    return { done: false, summary: `namespace ${name}: ${namespaceState(ns)}` };
  });
}

function namespaceState(ns: V1Namespace): string {
  const phase = ns.status?.phase ?? 'Active';
  // These conditions name the resources and finalizers that keep a namespace in Terminating.
  const holding = (ns.status?.conditions ?? [])
    .filter((x) => x.status === 'True' && x.message)
    .map((x) => x.message)
    .join('; ');
  return holding ? `${phase} (${holding})` : phase;
}

export async function listManagedNamespaces(c: KubeClients): Promise<V1Namespace[]> {
  const list = await c.core.listNamespace({ labelSelector: MANAGED_SELECTOR });
  return list.items;
}

/**
 * Deletes the pods and PersistentVolumeClaims of a Storefleet namespace that is being deleted.
 * Kubernetes' namespace controller would delete them too, but a pod still terminating or a claim
 * still held by its protection finalizer when it makes its first pass costs it a second pass,
 * seconds later. Deleted up front, they are gone by then. Only for a Terminating namespace:
 * nothing can recreate them there, where in a live one their controllers would.
 */
export async function deleteNamespacePodsAndClaims(c: KubeClients, name: string): Promise<void> {
  checkName(name);
  const ns = await readOrUndefined(() => c.core.readNamespace({ name }));
  if (!ns) return;
  if (!isManaged(ns)) {
    throw new Error(
      `refusing to delete pods and claims in namespace ${name}: it is not managed by Storefleet`,
    );
  }
  if (!ns.metadata?.deletionTimestamp) {
    throw new Error(
      `refusing to delete pods and claims in namespace ${name}: it is not being deleted`,
    );
  }
  await Promise.all([
    c.core.deleteCollectionNamespacedPod({ namespace: name }),
    c.core.deleteCollectionNamespacedPersistentVolumeClaim({ namespace: name }),
  ]);
}
