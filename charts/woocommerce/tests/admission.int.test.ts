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
import { VALUES_LOCAL, VALUES_PROD, parseManifests, storeValues, template } from './render';

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
  it('WordPress needs baseline; MariaDB and the bootstrap Job would pass restricted', async () => {
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
        ['Deployment', 'StatefulSet', 'Job'].includes(o.kind),
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
    } finally {
      await deleteNamespace(namespace, false);
    }
  });
});

describe('bootstrap failure hook', () => {
  it('makes the simulated bootstrap Job fail when bootstrap.testFailure is set', async () => {
    const namespace = await createStoreNamespace('store-fail');
    try {
      const values = storeValues('shopf');
      const result = await installStore(
        'shopf',
        namespace,
        VALUES_LOCAL,
        [values, { bootstrap: { testFailure: true, backoffLimit: 0 } }],
        { wait: false },
      );
      expect(result.exitCode).toBe(0);
      const failed = async (): Promise<boolean> => {
        const job = await getJson<{ status: { conditions?: { type: string; status: string }[] } }>([
          'job',
          'shopf-bootstrap',
          '--namespace',
          namespace,
        ]);
        return (
          job.status.conditions?.some((c) => c.type === 'Failed' && c.status === 'True') ?? false
        );
      };
      await waitFor('the bootstrap Job to fail', failed);
    } finally {
      await deleteNamespace(namespace, false);
    }
  });
});
