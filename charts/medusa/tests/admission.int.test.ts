import { describe, expect, it } from 'vitest';
import {
  createStoreNamespace,
  deleteNamespace,
  getJson,
  kubectl,
  kubectlOk,
  waitFor,
  type KubeList,
  type KubeMeta,
} from './cluster';
import { parseQuantity } from '../../woocommerce/tests/quantity';
import {
  VALUES_LOCAL,
  VALUES_PROD,
  parseManifests,
  storeValues,
  template,
  type K8sObject,
} from './render';
import { isWorkload, podTemplateOf, type PodTemplate } from './shapes';

async function names(kind: string, namespace: string): Promise<string[]> {
  const list = await getJson<KubeList<KubeMeta>>([kind, '--namespace', namespace]);
  return list.items.map((item) => item.metadata.name).sort();
}

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('Medusa manifests from values-%s.yaml', (_name, valuesFile) => {
  it('are accepted by the API server in a server-side dry run', async () => {
    const namespace = await createStoreNamespace('medusa-dry');
    try {
      const rendered = await template({
        namespace,
        valuesFiles: [valuesFile],
        values: [storeValues()],
      });
      expect(rendered.stderr).toBe('');
      expect(rendered.exitCode).toBe(0);
      const objects = parseManifests(rendered.stdout);
      const result = await kubectl(
        ['apply', '--dry-run=server', '--namespace', namespace, '-f', '-'],
        rendered.stdout,
      );
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
      expect(result.stdout.trim().split('\n')).toHaveLength(objects.length);
      expect(await names('all', namespace)).toEqual([]);
    } finally {
      await deleteNamespace(namespace, false);
    }
  });
});

describe('Medusa Pod Security', () => {
  it('admits Medusa, PostgreSQL and the setup Job in a namespace that enforces restricted', async () => {
    const namespace = await createStoreNamespace('medusa-psa');
    try {
      await kubectlOk([
        'label',
        '--overwrite',
        'namespace',
        namespace,
        'pod-security.kubernetes.io/enforce=restricted',
        'pod-security.kubernetes.io/warn=restricted',
      ]);
      const rendered = await template({
        namespace,
        valuesFiles: [VALUES_LOCAL],
        values: [storeValues()],
      });
      const workloads = parseManifests(rendered.stdout).filter(isWorkload);
      expect(workloads.map((w) => w.kind).sort()).toEqual(['Deployment', 'Job', 'StatefulSet']);
      for (const obj of workloads) {
        const result = await kubectl(
          ['apply', '--dry-run=server', '--namespace', namespace, '-f', '-'],
          JSON.stringify(obj),
        );
        expect(result.stderr, obj.kind).toBe('');
        expect(result.exitCode, obj.kind).toBe(0);
      }
      // The same check refuses a pod that breaks the level, so the admissions above mean something.
      const root = JSON.parse(JSON.stringify(workloads[0])) as K8sObject;
      const rootPod = podTemplateOf(root).spec;
      rootPod.securityContext = { ...rootPod.securityContext, runAsNonRoot: false, runAsUser: 0 };
      for (const c of [...rootPod.containers, ...(rootPod.initContainers ?? [])])
        c.securityContext = { ...c.securityContext, runAsNonRoot: false };
      const refused = await kubectl(
        ['apply', '--dry-run=server', '--namespace', namespace, '-f', '-'],
        JSON.stringify(root),
      );
      expect(refused.stderr).toMatch(/violate PodSecurity "restricted/);
    } finally {
      await deleteNamespace(namespace, false);
    }
  });
});

interface Quota {
  status: { hard?: Record<string, string>; used?: Record<string, string> };
}

/**
 * A pod with the workload's pod template that stays Pending (no node matches it), so it counts
 * against the quota for as long as the test needs.
 */
function pendingPod(workload: K8sObject): object {
  const template = podTemplateOf(workload);
  const spec = template.spec as PodTemplate['spec'] & { volumes?: object[] };
  // A StatefulSet's pods get their claim's volume from the claim template.
  const volumes =
    workload.kind === 'StatefulSet'
      ? [
          ...(spec.volumes ?? []),
          { name: 'data', persistentVolumeClaim: { claimName: 'data-shop1-postgres-0' } },
        ]
      : (spec.volumes ?? []);
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

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('Medusa quota from values-%s.yaml', (_name, valuesFile) => {
  it('admits Medusa, PostgreSQL and the setup Job at the same time', async () => {
    const namespace = await createStoreNamespace('medusa-quota');
    try {
      const rendered = await template({
        namespace,
        valuesFiles: [valuesFile],
        values: [storeValues()],
      });
      expect(rendered.exitCode).toBe(0);
      const objects = parseManifests(rendered.stdout);
      const guardrails = objects.filter((o) => ['ResourceQuota', 'LimitRange'].includes(o.kind));
      expect(guardrails).toHaveLength(2);
      await kubectlOk(
        ['apply', '--namespace', namespace, '-f', '-'],
        guardrails.map((o) => JSON.stringify(o)).join('\n'),
      );
      // Admission refuses pods until the quota controller has filled in the quota's status.
      await waitFor('the quota status', async () => {
        const quota = await getJson<Quota>(['resourcequota', 'shop1-quota', '-n', namespace]);
        return quota.status.hard !== undefined && quota.status.used !== undefined;
      });
      const workloads = objects.filter(isWorkload);
      expect(workloads.map((w) => w.kind).sort()).toEqual(['Deployment', 'Job', 'StatefulSet']);
      for (const workload of workloads) {
        const result = await kubectl(
          ['create', '--namespace', namespace, '-f', '-'],
          JSON.stringify(pendingPod(workload)),
        );
        expect(result.stderr, `${workload.kind} ${workload.metadata.name}`).toBe('');
        expect(result.exitCode).toBe(0);
      }
      await waitFor('the quota to count the three pods', async () => {
        const quota = await getJson<Quota>(['resourcequota', 'shop1-quota', '-n', namespace]);
        return quota.status.used?.pods === '3';
      });
      const quota = await getJson<Quota>(['resourcequota', 'shop1-quota', '-n', namespace]);
      for (const key of ['requests.memory', 'limits.memory', 'requests.ephemeral-storage']) {
        expect(quota.status.hard?.[key], `hard ${key}`).toBeDefined();
        expect(parseQuantity(quota.status.used?.[key] ?? '0'), `used ${key}`).toBeGreaterThan(0);
      }
    } finally {
      await deleteNamespace(namespace, false);
    }
  });
});
