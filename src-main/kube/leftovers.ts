import type { KubeClients } from './client';
import { readOrUndefined } from './client';
import { STORE_ID_LABEL } from './labels';

type Named = { metadata?: { name?: string; namespace?: string } };

/**
 * Everything of a deleted store that still exists, in words
 * ("persistentvolume pvc-123 (Released, reclaim Delete, claimed by store-shop/data-shop-mariadb-0)").
 * Empty means the delete left nothing behind. A namespace of that name counts only when it is
 * the store's: one the store never owned (a name clash) is someone else's and stays. Objects
 * labelled with the store id are searched cluster-wide. PersistentVolumes are cluster-scoped:
 * they outlive their namespace under a Retain policy, and under Delete until their provisioner
 * has removed them (see splitLeftovers).
 */
export async function findLeftovers(
  c: KubeClients,
  o: { namespace: string; storeId: string },
): Promise<string[]> {
  const ns = o.namespace;
  const found = new Set<string>();
  const add = (kind: string, items: Named[]): void => {
    for (const i of items) {
      found.add(`${kind} ${i.metadata?.namespace ?? ns}/${i.metadata?.name ?? '?'}`);
    }
  };
  const namespace = await readOrUndefined(() => c.core.readNamespace({ name: ns }));
  const ours = namespace?.metadata?.labels?.[STORE_ID_LABEL] === o.storeId;
  if (namespace && ours) {
    found.add(`namespace ${ns} (${namespace.status?.phase ?? 'Active'})`);
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
    const claimText = claim?.name ? `, claimed by ${claim.namespace ?? '?'}/${claim.name}` : '';
    const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'unknown';
    found.add(
      `persistentvolume ${pv.metadata?.name ?? '?'} (${pv.status?.phase ?? 'unknown'}, reclaim ${policy}${claimText})`,
    );
  }
  return [...found];
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
