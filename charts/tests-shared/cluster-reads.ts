// What the charts' cluster tests read back from the test cluster: names in a namespace, a
// workload, the volumes bound for a namespace and a release's Job named after its spec's hash.
import { expect } from 'vitest';
import { getJson, type KubeList, type KubeMeta } from '../woocommerce/tests/cluster';
import type { PodTemplate } from '../woocommerce/tests/shapes';

interface PersistentVolume extends KubeMeta {
  spec: { claimRef?: { namespace: string; name: string } };
}

export interface Workload extends KubeMeta {
  spec: { template: PodTemplate };
  status?: { readyReplicas?: number; availableReplicas?: number; succeeded?: number };
}

/** The PersistentVolumes bound to claims in `namespace`, by name. */
export async function volumesOf(namespace: string): Promise<string[]> {
  const list = await getJson<KubeList<PersistentVolume>>(['persistentvolumes']);
  return list.items
    .filter((pv) => pv.spec.claimRef?.namespace === namespace)
    .map((pv) => pv.metadata.name)
    .sort();
}

/** The names of the objects of `kind` in `namespace`, sorted. */
export async function names(kind: string, namespace: string): Promise<string[]> {
  const list = await getJson<KubeList<KubeMeta>>([kind, '--namespace', namespace]);
  return list.items.map((item) => item.metadata.name).sort();
}

export async function workload(kind: string, name: string, namespace: string): Promise<Workload> {
  return getJson<Workload>([kind, name, '--namespace', namespace]);
}

/**
 * The release's Jobs `<release>-<job>-<hash of its spec>` not being deleted: a revision that
 * changes what the Job does has a Job of its own.
 */
export async function hashedJobs(
  release: string,
  job: string,
  namespace: string,
): Promise<Workload[]> {
  const list = await getJson<KubeList<Workload & { metadata: { deletionTimestamp?: string } }>>([
    'jobs',
    '--namespace',
    namespace,
  ]);
  const stem = new RegExp(`^${release}-${job}-[0-9a-f]{8}$`);
  return list.items.filter((j) => stem.test(j.metadata.name) && !j.metadata.deletionTimestamp);
}

/** The one such Job of the release now; `what` names it in the error when there is none. */
export async function theHashedJob(
  release: string,
  job: string,
  namespace: string,
  what: string,
): Promise<Workload> {
  const jobs = await hashedJobs(release, job, namespace);
  expect(jobs.map((j) => j.metadata.name)).toHaveLength(1);
  const [found] = jobs;
  if (!found) throw new Error(`no ${what} of ${release} in ${namespace}`);
  return found;
}
