import { describe, expect, it } from 'vitest';
import {
  createStoreNamespace,
  deleteNamespace,
  getJson,
  installStore,
  kubectl,
  kubectlOk,
  waitFor,
  type KubeList,
  type KubeMeta,
} from './cluster';
import {
  VALUES_LOCAL,
  VALUES_PROD,
  parseManifests,
  storeValues,
  template,
  type K8sObject,
} from './render';
import { isWorkload, podTemplateOf, type PodTemplate } from './shapes';
import { parseQuantity } from './quantity';
import { failingBootstrapValues } from '../../../test-rig/cluster/failing-bootstrap';

async function names(kind: string, namespace: string): Promise<string[]> {
  const list = await getJson<KubeList<KubeMeta>>([kind, '--namespace', namespace]);
  return list.items.map((item) => item.metadata.name).sort();
}

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('manifests from values-%s.yaml', (_name, valuesFile) => {
  it('are accepted by the API server in a server-side dry run', async () => {
    const namespace = await createStoreNamespace('chart-dry');
    try {
      const rendered = await template({
        namespace,
        valuesFiles: [valuesFile],
        values: [storeValues()],
      });
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

describe('Pod Security', () => {
  it('WordPress needs baseline; MariaDB, the bootstrap Job and the WP-Cron runs would pass restricted', async () => {
    const namespace = await createStoreNamespace('chart-psa');
    try {
      await kubectlOk([
        'label',
        'namespace',
        namespace,
        'pod-security.kubernetes.io/warn=restricted',
      ]);
      const rendered = await template({
        namespace,
        valuesFiles: [VALUES_LOCAL],
        values: [storeValues()],
      });
      const warnings = new Map<string, string>();
      for (const obj of parseManifests(rendered.stdout).filter((o) =>
        ['Deployment', 'StatefulSet', 'Job', 'CronJob'].includes(o.kind),
      )) {
        const result = await kubectl(
          ['apply', '--dry-run=server', '--namespace', namespace, '-f', '-'],
          JSON.stringify(obj),
        );
        expect(result.exitCode).toBe(0);
        warnings.set(obj.kind, result.stderr);
      }
      expect(warnings.get('Deployment')).toMatch(/would violate PodSecurity "restricted/);
      expect(warnings.get('StatefulSet')).toBe('');
      expect(warnings.get('Job')).toBe('');
      expect(warnings.get('CronJob')).toBe('');
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
      ? [{ name: 'data', persistentVolumeClaim: { claimName: 'data-shop1-mariadb-0' } }]
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
])('quota from values-%s.yaml', (_name, valuesFile) => {
  it('admits WordPress, MariaDB, the bootstrap Job, a WP-Cron run and the mail catcher (where on) at the same time', async () => {
    const namespace = await createStoreNamespace('chart-quota');
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
      expect(workloads.map((w) => w.kind).sort()).toEqual([
        'CronJob',
        'Deployment',
        // Mailpit, on in values-local.yaml
        ...(valuesFile === VALUES_LOCAL ? ['Deployment'] : []),
        'Job',
        'StatefulSet',
      ]);
      for (const workload of workloads) {
        const result = await kubectl(
          ['create', '--namespace', namespace, '-f', '-'],
          JSON.stringify(pendingPod(workload)),
        );
        expect(result.stderr, `${workload.kind} ${workload.metadata.name}`).toBe('');
        expect(result.exitCode).toBe(0);
      }
      await waitFor(`the quota to count the ${workloads.length} pods`, async () => {
        const quota = await getJson<Quota>(['resourcequota', 'shop1-quota', '-n', namespace]);
        return quota.status.used?.pods === String(workloads.length);
      });
      // The node's disk is part of the store's share: the four pods' ephemeral storage counts.
      const quota = await getJson<Quota>(['resourcequota', 'shop1-quota', '-n', namespace]);
      for (const key of ['requests.ephemeral-storage', 'limits.ephemeral-storage']) {
        expect(quota.status.hard?.[key], `hard ${key}`).toBeDefined();
        expect(parseQuantity(quota.status.used?.[key] ?? '0'), `used ${key}`).toBeGreaterThan(0);
      }
    } finally {
      await deleteNamespace(namespace, false);
    }
  });
});

describe('bootstrap failure hook', () => {
  it('makes the simulated bootstrap Job fail with the test rig’s failing-bootstrap values', async () => {
    const namespace = await createStoreNamespace('store-fail');
    try {
      const values = storeValues('shopf');
      const result = await installStore(
        'shopf',
        namespace,
        VALUES_LOCAL,
        [values, failingBootstrapValues()],
        { wait: false },
      );
      expect(result.exitCode).toBe(0);
      const failed = async (): Promise<boolean> => {
        // The Job is named `shopf-bootstrap-<hash of its spec>`.
        const jobs = await getJson<{
          items: {
            metadata: { name: string };
            status: { conditions?: { type: string; status: string }[] };
          }[];
        }>(['jobs', '--namespace', namespace]);
        const job = jobs.items.find((j) => /^shopf-bootstrap-[0-9a-f]{8}$/.test(j.metadata.name));
        return (
          job?.status.conditions?.some((c) => c.type === 'Failed' && c.status === 'True') ?? false
        );
      };
      await waitFor('the bootstrap Job to fail', failed);
    } finally {
      await deleteNamespace(namespace, false);
    }
  });
});
