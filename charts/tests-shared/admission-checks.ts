// Checks on the test cluster every store kind's chart passes: its manifests in a server-side
// dry run, and its quota admitting all its pods at once. Each chart's admission test renders
// its chart into a namespace made by inStoreNamespace and calls them.
import { expect } from 'vitest';
import {
  createStoreNamespace,
  deleteNamespace,
  getJson,
  kubectl,
  kubectlOk,
  waitFor,
} from '../woocommerce/tests/cluster';
import { names } from './cluster-reads';
import { parseQuantity } from '../woocommerce/tests/quantity';
import { parseManifests, type K8sObject } from '../woocommerce/tests/render';
import { isWorkload, podTemplateOf, type PodTemplate } from '../woocommerce/tests/shapes';

/** The rendered manifests pass a server-side dry run in `namespace`, which stays empty. */
export async function expectServerDryRunAccepts(
  namespace: string,
  manifests: string,
): Promise<void> {
  const objects = parseManifests(manifests);
  const result = await kubectl(
    ['apply', '--dry-run=server', '--namespace', namespace, '-f', '-'],
    manifests,
  );
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  expect(result.stdout.trim().split('\n')).toHaveLength(objects.length);
  expect(await names('all', namespace)).toEqual([]);
}

interface Quota {
  status: { hard?: Record<string, string>; used?: Record<string, string> };
}

/**
 * A pod with the workload's pod template that stays Pending (no node matches it), so it counts
 * against the quota for as long as the test needs. A StatefulSet's pod gets its claim's volume
 * from the claim template: `statefulSetVolumes` says which volumes it has instead.
 */
export function pendingPod(
  workload: K8sObject,
  statefulSetVolumes: (volumes: object[]) => object[],
): object {
  const template = podTemplateOf(workload);
  const spec = template.spec as PodTemplate['spec'] & { volumes?: object[] };
  const volumes =
    workload.kind === 'StatefulSet' ? statefulSetVolumes(spec.volumes ?? []) : (spec.volumes ?? []);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${workload.kind.toLowerCase()}-${workload.metadata.name}`,
      labels: template.metadata.labels,
    },
    spec: {
      ...spec,
      volumes,
      nodeSelector: { 'storefleet.test/no-such-node': 'true' },
    },
  };
}

/**
 * The chart's quota and limit range applied in `namespace`, then a Pending pod per workload
 * (`workloadKinds`, sorted): all admitted at once, and counted in each of `usedKeys`.
 */
export async function expectQuotaAdmitsEveryPod(
  namespace: string,
  objects: K8sObject[],
  o: {
    workloadKinds: string[];
    usedKeys: string[];
    statefulSetVolumes: (volumes: object[]) => object[];
  },
): Promise<void> {
  const guardrails = objects.filter((obj) => ['ResourceQuota', 'LimitRange'].includes(obj.kind));
  expect(guardrails).toHaveLength(2);
  await kubectlOk(
    ['apply', '--namespace', namespace, '-f', '-'],
    guardrails.map((obj) => JSON.stringify(obj)).join('\n'),
  );
  // Admission refuses pods until the quota controller has filled in the quota's status.
  await waitFor('the quota status', async () => {
    const quota = await getJson<Quota>(['resourcequota', 'shop1-quota', '-n', namespace]);
    return quota.status.hard !== undefined && quota.status.used !== undefined;
  });
  const workloads = objects.filter(isWorkload);
  expect(workloads.map((w) => w.kind).sort()).toEqual(o.workloadKinds);
  for (const workload of workloads) {
    const result = await kubectl(
      ['create', '--namespace', namespace, '-f', '-'],
      JSON.stringify(pendingPod(workload, o.statefulSetVolumes)),
    );
    expect(result.stderr, `${workload.kind} ${workload.metadata.name}`).toBe('');
    expect(result.exitCode).toBe(0);
  }
  await waitFor(`the quota to count the ${workloads.length} pods`, async () => {
    const quota = await getJson<Quota>(['resourcequota', 'shop1-quota', '-n', namespace]);
    return quota.status.used?.pods === String(workloads.length);
  });
  const quota = await getJson<Quota>(['resourcequota', 'shop1-quota', '-n', namespace]);
  for (const key of o.usedKeys) {
    expect(quota.status.hard?.[key], `hard ${key}`).toBeDefined();
    expect(parseQuantity(quota.status.used?.[key] ?? '0'), `used ${key}`).toBeGreaterThan(0);
  }
}

/** `run` in a fresh store namespace (see createStoreNamespace), deleted afterwards, failed or not. */
export async function inStoreNamespace(
  prefix: string,
  run: (namespace: string) => Promise<void>,
): Promise<void> {
  const namespace = await createStoreNamespace(prefix);
  try {
    await run(namespace);
  } finally {
    await deleteNamespace(namespace, false);
  }
}
