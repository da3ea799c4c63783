// A Medusa store's life on the test cluster, beside a WooCommerce store in another namespace:
// install, upgrade across a new image (the setup Job gets a name of its own), rollback there and
// back, uninstall and namespace deletion with nothing left behind. The simulated cluster runs no
// container: pods turn Ready and Job pods succeed (test-rig/cluster/kwok), so this proves what
// Kubernetes and Helm do with the chart, not Medusa itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  names,
  theHashedJob,
  volumesOf,
  workload,
  type Workload,
} from '../../tests-shared/cluster-reads';
import { expectNothingLeftBehind, ingressHost } from '../../tests-shared/lifecycle-checks';
import { installStore as installWooCommerceStore } from '../../woocommerce/tests/cluster';
import {
  VALUES_LOCAL as WOOCOMMERCE_VALUES_LOCAL,
  storeValues as wooCommerceStoreValues,
} from '../../woocommerce/tests/render';
import {
  clusterHelmOk,
  createStoreNamespace,
  deleteNamespace,
  getJson,
  installMedusaStore,
  kubectlOk,
  waitFor,
  type KubeList,
  type KubeMeta,
} from './cluster';
import { VALUES_LOCAL, secretsOf, storeValues } from './render';

/** The one setup Job of the release now: `<release>-setup-<hash of its spec>`. */
function setupJob(release: string, namespace: string): Promise<Workload> {
  return theHashedJob(release, 'setup', namespace, 'setup Job');
}

function imageOf(item: Workload, container: string): string | undefined {
  const spec = item.spec.template.spec;
  return [...(spec.initContainers ?? []), ...spec.containers].find((c) => c.name === container)
    ?.image;
}

async function secretData(namespace: string, name: string): Promise<Record<string, string>> {
  return (
    await getJson<{ data: Record<string, string> }>(['secret', name, '--namespace', namespace])
  ).data;
}

describe.sequential('a Medusa store beside a WooCommerce store on the test cluster', () => {
  const medusa = storeValues('shopm');
  const woocommerce = wooCommerceStoreValues('shopw');
  let nsM = '';
  let nsW = '';

  beforeAll(async () => {
    [nsM, nsW] = await Promise.all([
      createStoreNamespace('store-shopm'),
      createStoreNamespace('store-shopw'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([nsM, nsW].filter(Boolean).map((ns) => deleteNamespace(ns, false)));
  });

  it('installs a Medusa store and waits until PostgreSQL, Medusa and the setup Job are done', async () => {
    const result = await installMedusaStore('shopm', nsM, VALUES_LOCAL, [medusa]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    // NOTES tell how to read the password from the Secret, never a secret itself.
    expect(result.stdout).toContain(`kubectl --namespace ${nsM} get secret shopm-credentials`);
    expect(result.stdout).toContain('http://shopm.localhost/app');
    for (const secret of secretsOf(medusa))
      expect(result.stdout.includes(secret), 'secret in NOTES').toBe(false);
    expect((await workload('statefulset', 'shopm-postgres', nsM)).status?.readyReplicas).toBe(1);
    const deployment = await workload('deployment', 'shopm-medusa', nsM);
    expect(deployment.status?.availableReplicas).toBe(1);
    expect(imageOf(deployment, 'medusa')).toBe('storefleet/medusa-backend:0123456789ab');
    expect((await setupJob('shopm', nsM)).status?.succeeded).toBe(1);
    const claims = await getJson<KubeList<KubeMeta & { status: { phase: string } }>>([
      'pvc',
      '--namespace',
      nsM,
    ]);
    expect(claims.items.map((c) => [c.metadata.name, c.status.phase])).toEqual([
      ['data-shopm-postgres-0', 'Bound'],
    ]);
  });

  it('runs a WooCommerce store beside it without sharing names, hosts or volumes', async () => {
    const result = await installWooCommerceStore('shopw', nsW, WOOCOMMERCE_VALUES_LOCAL, [
      woocommerce,
    ]);
    expect(result.exitCode).toBe(0);
    const [volumesM, volumesW] = await Promise.all([volumesOf(nsM), volumesOf(nsW)]);
    expect(volumesM).toHaveLength(1);
    expect(volumesW).toHaveLength(2);
    expect(volumesM.filter((pv) => volumesW.includes(pv))).toEqual([]);
    expect(await ingressHost(nsM, 'shopm-medusa')).toBe('shopm.localhost');
    expect(await ingressHost(nsW, 'shopw-wordpress')).toBe('shopw.localhost');
    const chartOf = async (ns: string): Promise<string> =>
      kubectlOk([
        'get',
        'secret',
        '--namespace',
        ns,
        '-l',
        'app.kubernetes.io/component=credentials',
        '-o',
        'jsonpath={.items[0].metadata.labels.app\\.kubernetes\\.io/name}',
      ]);
    expect(await chartOf(nsM)).toBe('medusa');
    expect(await chartOf(nsW)).toBe('woocommerce');
    // The Medusa store is untouched by its neighbour.
    expect((await workload('deployment', 'shopm-medusa', nsM)).status?.availableReplicas).toBe(1);
  });

  it('upgrades to a new image without deleting anything: the changed setup Job has a name of its own, the secrets stay', async () => {
    const before = await secretData(nsM, 'shopm-credentials');
    const first = (await setupJob('shopm', nsM)).metadata.name;
    const changed = {
      medusa: { image: { tag: 'fedcba987654' }, resources: { limits: { memory: '1Gi' } } },
    };
    const upgraded = await installMedusaStore('shopm', nsM, VALUES_LOCAL, [medusa, changed]);
    expect(upgraded.stderr).toBe('');
    expect(upgraded.exitCode).toBe(0);
    const deployment = await workload('deployment', 'shopm-medusa', nsM);
    expect(imageOf(deployment, 'medusa')).toBe('storefleet/medusa-backend:fedcba987654');
    expect(imageOf(deployment, 'migrate')).toBe('storefleet/medusa-backend:fedcba987654');
    expect(deployment.spec.template.spec.containers[0]?.resources?.limits?.memory).toBe('1Gi');
    const job = await setupJob('shopm', nsM);
    expect(job.metadata.name).not.toBe(first);
    expect(imageOf(job, 'setup')).toBe('storefleet/medusa-backend:fedcba987654');
    expect(job.status?.succeeded).toBe(1);
    // Compared as a boolean, so a failure prints no secret.
    expect(
      JSON.stringify(await secretData(nsM, 'shopm-credentials')) === JSON.stringify(before),
    ).toBe(true);
  });

  it('rolls back across the image change with a plain helm rollback, there and back again', async () => {
    const rollback = (revision: number): Promise<string> =>
      clusterHelmOk([
        'rollback',
        'shopm',
        String(revision),
        '--namespace',
        nsM,
        '--wait',
        '--wait-for-jobs',
        '--timeout',
        '60s',
      ]);
    await rollback(1);
    let deployment = await workload('deployment', 'shopm-medusa', nsM);
    expect(imageOf(deployment, 'medusa')).toBe('storefleet/medusa-backend:0123456789ab');
    let job = await setupJob('shopm', nsM);
    expect(imageOf(job, 'setup')).toBe('storefleet/medusa-backend:0123456789ab');
    expect(job.status?.succeeded).toBe(1);

    await rollback(2);
    deployment = await workload('deployment', 'shopm-medusa', nsM);
    expect(imageOf(deployment, 'medusa')).toBe('storefleet/medusa-backend:fedcba987654');
    job = await setupJob('shopm', nsM);
    expect(imageOf(job, 'setup')).toBe('storefleet/medusa-backend:fedcba987654');
    expect(job.status?.succeeded).toBe(1);

    const history = JSON.parse(
      await clusterHelmOk(['history', 'shopm', '--namespace', nsM, '-o', 'json']),
    ) as { revision: number; status: string; description: string }[];
    expect(history.slice(-2).map((r) => r.description)).toEqual(['Rollback to 1', 'Rollback to 2']);
    expect(history.at(-1)?.status).toBe('deployed');
  });

  it('stops the store (both workloads at zero, the claim kept) and starts it again', async () => {
    const stopped = await installMedusaStore('shopm', nsM, VALUES_LOCAL, [
      medusa,
      { medusa: { image: { tag: 'fedcba987654' } }, store: { stopped: true } },
    ]);
    expect(stopped.exitCode).toBe(0);
    await waitFor('the store’s pods to be gone', async () =>
      (await names('pods', nsM)).every((p) => p.startsWith('shopm-setup-')),
    );
    expect(await names('pvc', nsM)).toEqual(['data-shopm-postgres-0']);
    const started = await installMedusaStore('shopm', nsM, VALUES_LOCAL, [
      medusa,
      { medusa: { image: { tag: 'fedcba987654' } } },
    ]);
    expect(started.exitCode).toBe(0);
    expect((await workload('statefulset', 'shopm-postgres', nsM)).status?.readyReplicas).toBe(1);
    expect((await workload('deployment', 'shopm-medusa', nsM)).status?.availableReplicas).toBe(1);
  });

  it('leaves no volume, claim, Secret or Ingress behind after uninstall and namespace deletion', async () => {
    await expectNothingLeftBehind([
      ['shopm', nsM],
      ['shopw', nsW],
    ]);
  });
});
