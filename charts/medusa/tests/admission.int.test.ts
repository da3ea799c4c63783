import { describe, expect, it } from 'vitest';
import {
  expectQuotaAdmitsEveryPod,
  inStoreNamespace,
  expectServerDryRunAccepts,
} from '../../tests-shared/admission-checks';
import { kubectl, kubectlOk } from './cluster';
import {
  VALUES_LOCAL,
  VALUES_PROD,
  parseManifests,
  storeValues,
  template,
  type K8sObject,
} from './render';
import { isWorkload, podTemplateOf } from './shapes';

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('Medusa manifests from values-%s.yaml', (_name, valuesFile) => {
  it('are accepted by the API server in a server-side dry run', async () => {
    await inStoreNamespace('medusa-dry', async (namespace) => {
      const rendered = await template({
        namespace,
        valuesFiles: [valuesFile],
        values: [storeValues()],
      });
      expect(rendered.stderr).toBe('');
      expect(rendered.exitCode).toBe(0);
      await expectServerDryRunAccepts(namespace, rendered.stdout);
    });
  });
});

describe('Medusa Pod Security', () => {
  it('admits Medusa, PostgreSQL and the setup Job in a namespace that enforces restricted', async () => {
    await inStoreNamespace('medusa-psa', async (namespace) => {
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
    });
  });
});

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('Medusa quota from values-%s.yaml', (_name, valuesFile) => {
  it('admits Medusa, PostgreSQL and the setup Job at the same time', async () => {
    await inStoreNamespace('medusa-quota', async (namespace) => {
      const rendered = await template({
        namespace,
        valuesFiles: [valuesFile],
        values: [storeValues()],
      });
      expect(rendered.exitCode).toBe(0);
      const objects = parseManifests(rendered.stdout);
      await expectQuotaAdmitsEveryPod(namespace, objects, {
        workloadKinds: ['Deployment', 'Job', 'StatefulSet'],
        usedKeys: ['requests.memory', 'limits.memory', 'requests.ephemeral-storage'],
        statefulSetVolumes: (volumes) => [
          ...volumes,
          { name: 'data', persistentVolumeClaim: { claimName: 'data-shop1-postgres-0' } },
        ],
      });
    });
  });
});
