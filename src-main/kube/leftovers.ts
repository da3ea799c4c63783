import type { KubeClients } from './client';
import { readOrUndefined } from './client';
import { STORE_ID_LABEL } from './labels';

type Named = { metadata?: { name?: string; namespace?: string } };

/** One object of a deleted store that still exists. */
export type Leftover =
  | {
      kind: 'namespace';
      name: string;
      phase: string;
    }
  | {
      kind: 'persistentvolumeclaim' | 'secret' | 'ingress' | 'pod';
      namespace: string;
      name: string;
    }
  | {
      kind: 'persistentvolume';
      name: string;
      phase: string;
      reclaimPolicy: string;
      /** namespace/name of the claim it was bound to */
      claim?: string;
    };

/**
 * A volume its provisioner is removing: `Released` with reclaim `Delete`, its claim gone, so
 * the provisioner deletes it in its own time (local-path runs a helper pod first, so for a few
 * seconds after the namespace is gone). Anything else stays until someone removes it.
 */
export function isReclaiming(l: Leftover): boolean {
  return l.kind === 'persistentvolume' && l.phase === 'Released' && l.reclaimPolicy === 'Delete';
}

/** In words, e.g. "persistentvolume pvc-123 (Released, reclaim Delete, claimed by store-shop/data-0)". */
export function describeLeftover(l: Leftover): string {
  switch (l.kind) {
    case 'namespace':
      return `namespace ${l.name} (${l.phase})`;
    case 'persistentvolume':
      return `persistentvolume ${l.name} (${l.phase}, reclaim ${l.reclaimPolicy}${l.claim ? `, claimed by ${l.claim}` : ''})`;
    default:
      return `${l.kind} ${l.namespace}/${l.name}`;
  }
}

/**
 * Everything of a deleted store that still exists. Empty means the delete left nothing behind.
 * A namespace of that name counts only when it is the store's: one the store never owned (a
 * name clash) is someone else's and stays. Objects labelled with the store id are searched
 * cluster-wide. PersistentVolumes are cluster-scoped: they outlive their namespace under a
 * Retain policy, and under Delete until their provisioner has removed them (see isReclaiming).
 */
export async function findLeftoverObjects(
  c: KubeClients,
  o: { namespace: string; storeId: string },
): Promise<Leftover[]> {
  const ns = o.namespace;
  const found = new Map<string, Leftover>();
  const put = (l: Leftover): void => {
    found.set(describeLeftover(l), l);
  };
  const add = (kind: 'persistentvolumeclaim' | 'secret' | 'ingress' | 'pod', items: Named[]) => {
    for (const i of items) {
      put({ kind, namespace: i.metadata?.namespace ?? ns, name: i.metadata?.name ?? '?' });
    }
  };
  const namespace = await readOrUndefined(() => c.core.readNamespace({ name: ns }));
  const ours = namespace?.metadata?.labels?.[STORE_ID_LABEL] === o.storeId;
  if (namespace && ours) {
    put({ kind: 'namespace', name: ns, phase: namespace.status?.phase ?? 'Active' });
    const [pvcs, secrets, ingresses] = await Promise.all([
      c.core.listNamespacedPersistentVolumeClaim({ namespace: ns }),
      c.core.listNamespacedSecret({ namespace: ns }),
      c.networking.listNamespacedIngress({ namespace: ns }),
    ]);
    add('persistentvolumeclaim', pvcs.items);
    add('secret', secrets.items);
    add('ingress', ingresses.items);
  }
  const labelSelector = `${STORE_ID_LABEL}=${o.storeId}`;
  const [pvcs, secrets, ingresses, pods, volumes] = await Promise.all([
    c.core.listPersistentVolumeClaimForAllNamespaces({ labelSelector }),
    c.core.listSecretForAllNamespaces({ labelSelector }),
    c.networking.listIngressForAllNamespaces({ labelSelector }),
    c.core.listPodForAllNamespaces({ labelSelector }),
    c.core.listPersistentVolume(),
  ]);
  add('persistentvolumeclaim', pvcs.items);
  add('secret', secrets.items);
  add('ingress', ingresses.items);
  add('pod', pods.items);
  // A volume claimed in a namespace that is not the store's belongs to whoever owns it.
  const ownsNamespace = !namespace || ours;
  for (const pv of volumes.items) {
    const claim = pv.spec?.claimRef;
    const labelled = pv.metadata?.labels?.[STORE_ID_LABEL] === o.storeId;
    if (!labelled && !(ownsNamespace && claim?.namespace === ns)) continue;
    put({
      kind: 'persistentvolume',
      name: pv.metadata?.name ?? '?',
      phase: pv.status?.phase ?? 'unknown',
      reclaimPolicy: pv.spec?.persistentVolumeReclaimPolicy ?? 'unknown',
      claim: claim?.name ? `${claim.namespace ?? '?'}/${claim.name}` : undefined,
    });
  }
  return [...found.values()];
}

/** findLeftoverObjects in words, one string per object. */
export async function findLeftovers(
  c: KubeClients,
  o: { namespace: string; storeId: string },
): Promise<string[]> {
  return (await findLeftoverObjects(c, o)).map(describeLeftover);
}

const RECLAIMING = /^persistentvolume (\S+) \(Released, reclaim Delete[,)]/;

/**
 * Splits leftovers into volumes their provisioner is still removing and everything else. A
 * `Released` volume with reclaim `Delete` is on its way out: its claim is gone and the
 * provisioner deletes it in its own time (local-path runs a helper pod first, so for a few
 * seconds after the namespace is gone). Anything else stays until someone removes it.
 */
export function splitLeftovers(left: readonly string[]): {
  /** names of the volumes being removed */
  reclaiming: string[];
  others: string[];
} {
  const reclaiming: string[] = [];
  const others: string[] = [];
  for (const l of left) {
    const name = RECLAIMING.exec(l)?.[1];
    if (name) reclaiming.push(name);
    else others.push(l);
  }
  return { reclaiming, others };
}
