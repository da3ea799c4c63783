import { describe, expect, it } from 'vitest';
import {
  expectQuotaAdmitsEveryPod,
  inStoreNamespace,
  expectServerDryRunAccepts,
} from '../../tests-shared/admission-checks';
import { getJson, installStore, kubectl, kubectlOk, waitFor } from './cluster';
import { VALUES_LOCAL, VALUES_PROD, parseManifests, storeValues, template } from './render';
import { failingBootstrapValues } from '../../../test-rig/cluster/failing-bootstrap';

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('manifests from values-%s.yaml', (_name, valuesFile) => {
  it('are accepted by the API server in a server-side dry run', async () => {
    await inStoreNamespace('chart-dry', async (namespace) => {
      const rendered = await template({
        namespace,
        valuesFiles: [valuesFile],
        values: [storeValues()],
      });
      expect(rendered.exitCode).toBe(0);
      await expectServerDryRunAccepts(namespace, rendered.stdout);
    });
  });
});

describe('Pod Security', () => {
  it('WordPress needs baseline; MariaDB, the bootstrap Job and the WP-Cron runs would pass restricted', async () => {
    await inStoreNamespace('chart-psa', async (namespace) => {
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
    });
  });
});

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('quota from values-%s.yaml', (_name, valuesFile) => {
  it('admits WordPress, MariaDB, the bootstrap Job, a WP-Cron run and the mail catcher (where on) at the same time', async () => {
    await inStoreNamespace('chart-quota', async (namespace) => {
      const rendered = await template({
        namespace,
        valuesFiles: [valuesFile],
        values: [storeValues()],
      });
      expect(rendered.exitCode).toBe(0);
      const objects = parseManifests(rendered.stdout);
      // The node's disk is part of the store's share: the four pods' ephemeral storage counts.
      await expectQuotaAdmitsEveryPod(namespace, objects, {
        workloadKinds: [
          'CronJob',
          'Deployment',
          // Mailpit, on in values-local.yaml
          ...(valuesFile === VALUES_LOCAL ? ['Deployment'] : []),
          'Job',
          'StatefulSet',
        ],
        usedKeys: ['requests.ephemeral-storage', 'limits.ephemeral-storage'],
        statefulSetVolumes: () => [
          { name: 'data', persistentVolumeClaim: { claimName: 'data-shop1-mariadb-0' } },
        ],
      });
    });
  });
});

describe('bootstrap failure hook', () => {
  it('makes the simulated bootstrap Job fail with the test rig’s failing-bootstrap values', async () => {
    await inStoreNamespace('store-fail', async (namespace) => {
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
    });
  });
});
