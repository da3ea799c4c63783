import type { KubeClients } from './client';
import { readOrUndefined } from './client';
import { STORE_ID_LABEL } from './labels';

/**
 * Everything of a deleted store that still exists, in words ("persistentvolume pvc-123 (Released)").
 * Empty means the delete left nothing behind. PersistentVolumes are cluster-scoped and may
 * outlive their namespace under a Retain policy, so they are searched cluster-wide.
 */
export async function findLeftovers(
  c: KubeClients,
  o: { namespace: string; storeId: string },
): Promise<string[]> {
  const ns = o.namespace;
  const found: string[] = [];
  const namespace = await readOrUndefined(() => c.core.readNamespace({ name: ns }));
  if (namespace) {
    found.push(`namespace ${ns} (${namespace.status?.phase ?? 'Active'})`);
    const [pvcs, secrets, ingresses] = await Promise.all([
      c.core.listNamespacedPersistentVolumeClaim({ namespace: ns }),
      c.core.listNamespacedSecret({ namespace: ns }),
      c.networking.listNamespacedIngress({ namespace: ns }),
    ]);
    for (const p of pvcs.items)
      found.push(`persistentvolumeclaim ${ns}/${p.metadata?.name ?? '?'}`);
    for (const s of secrets.items) found.push(`secret ${ns}/${s.metadata?.name ?? '?'}`);
    for (const i of ingresses.items) found.push(`ingress ${ns}/${i.metadata?.name ?? '?'}`);
  }
  const volumes = await c.core.listPersistentVolume();
  for (const pv of volumes.items) {
    const claim = pv.spec?.claimRef;
    const ours = claim?.namespace === ns || pv.metadata?.labels?.[STORE_ID_LABEL] === o.storeId;
    if (!ours) continue;
    const claimText = claim?.name ? `, claimed by ${claim.namespace ?? '?'}/${claim.name}` : '';
    found.push(
      `persistentvolume ${pv.metadata?.name ?? '?'} (${pv.status?.phase ?? 'unknown'}${claimText})`,
    );
  }
  return found;
}
