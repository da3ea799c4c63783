import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { theHashedJob, volumesOf, workload, type Workload } from '../../tests-shared/cluster-reads';
import { expectNothingLeftBehind, ingressHost } from '../../tests-shared/lifecycle-checks';
import {
  clusterHelmOk,
  createStoreNamespace,
  deleteNamespace,
  getJson,
  installStore,
  kubectlOk,
  waitFor,
  type KubeList,
  type KubeMeta,
} from './cluster';
import { VALUES_LOCAL, passwordsOf, storeValues } from './render';

/** The one bootstrap Job of the release now: `<release>-bootstrap-<hash of its spec>`. */
function bootstrapJob(release: string, namespace: string): Promise<Workload> {
  return theHashedJob(release, 'bootstrap', namespace, 'bootstrap Job');
}

function envOf(job: Workload, name: string): string | undefined {
  return job.spec.template.spec.containers.flatMap((c) => c.env ?? []).find((e) => e.name === name)
    ?.value;
}

describe.sequential('stores installed on the test cluster', () => {
  const storeA = storeValues('shopa');
  const storeB = storeValues('shopb');
  let nsA = '';
  let nsB = '';

  beforeAll(async () => {
    [nsA, nsB] = await Promise.all([
      createStoreNamespace('store-shopa'),
      createStoreNamespace('store-shopb'),
    ]);
  });

  afterAll(async () => {
    await Promise.all([nsA, nsB].filter(Boolean).map((ns) => deleteNamespace(ns, false)));
  });

  it('installs a store and waits until MariaDB, WordPress and the bootstrap Job are done', async () => {
    const result = await installStore('shopa', nsA, VALUES_LOCAL, [storeA]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    // NOTES tell how to read the password from the Secret, never the password itself.
    expect(result.stdout).toContain(`kubectl --namespace ${nsA} get secret shopa-credentials`);
    expect(result.stdout).toContain('http://shopa.localhost/wp-admin/');
    for (const password of passwordsOf(storeA))
      expect(result.stdout.includes(password), 'password in NOTES').toBe(false);
    expect((await workload('statefulset', 'shopa-mariadb', nsA)).status?.readyReplicas).toBe(1);
    expect((await workload('deployment', 'shopa-wordpress', nsA)).status?.availableReplicas).toBe(
      1,
    );
    expect((await bootstrapJob('shopa', nsA)).status?.succeeded).toBe(1);
    const claims = await getJson<KubeList<KubeMeta & { status: { phase: string } }>>([
      'pvc',
      '--namespace',
      nsA,
    ]);
    expect(claims.items.map((c) => [c.metadata.name, c.status.phase]).sort()).toEqual([
      ['data-shopa-mariadb-0', 'Bound'],
      ['shopa-wordpress-content', 'Bound'],
    ]);
    const quota = await getJson<{ status: { used?: Record<string, string> } }>([
      'resourcequota',
      'shopa-quota',
      '--namespace',
      nsA,
    ]);
    expect(quota.status.used?.persistentvolumeclaims).toBe('2');
  });

  it('runs a second store beside the first without sharing names, hosts or volumes', async () => {
    const result = await installStore('shopb', nsB, VALUES_LOCAL, [storeB]);
    expect(result.exitCode).toBe(0);
    const [volumesA, volumesB] = await Promise.all([volumesOf(nsA), volumesOf(nsB)]);
    expect(volumesA).toHaveLength(2);
    expect(volumesB).toHaveLength(2);
    expect(volumesA.filter((pv) => volumesB.includes(pv))).toEqual([]);
    expect(await ingressHost(nsA, 'shopa-wordpress')).toBe('shopa.localhost');
    expect(await ingressHost(nsB, 'shopb-wordpress')).toBe('shopb.localhost');
    const storeIdOf = async (ns: string): Promise<string> =>
      kubectlOk([
        'get',
        'secret',
        '--namespace',
        ns,
        '-l',
        'app.kubernetes.io/component=credentials',
        '-o',
        'jsonpath={.items[0].metadata.labels.storefleet\\.io/store-id}',
      ]);
    expect(await storeIdOf(nsA)).toBe(storeA.store.id);
    expect(await storeIdOf(nsB)).toBe(storeB.store.id);
  });

  it('runs WP-Cron from its CronJob beside the running store, inside the quota and on the wp-content volume', async () => {
    const cron = await getJson<KubeMeta & { spec: { suspend?: boolean; schedule: string } }>([
      'cronjob',
      'shopa-cron',
      '--namespace',
      nsA,
    ]);
    expect(cron.spec.suspend).toBe(false);
    expect(cron.spec.schedule).toBe('*/5 * * * *');
    // One run now, as the CronJob controller would start it.
    await kubectlOk([
      'create',
      'job',
      'shopa-cron-now',
      '--from=cronjob/shopa-cron',
      '--namespace',
      nsA,
    ]);
    await waitFor('the WP-Cron run to finish', async () => {
      const job = await workload('job', 'shopa-cron-now', nsA);
      return job.status?.succeeded === 1;
    });
    expect((await workload('deployment', 'shopa-wordpress', nsA)).status?.availableReplicas).toBe(
      1,
    );
  });

  // Helm once refused this: `cannot patch "shopa-bootstrap" with kind Job … field is immutable`,
  // unless the installer deleted the Job first, and a plain `helm rollback` could not recover.
  it('upgrades across a bootstrap change without deleting anything: the changed Job has a name of its own', async () => {
    const saltBefore = await kubectlOk([
      'get',
      'secret',
      'shopa-credentials',
      '--namespace',
      nsA,
      '-o',
      'jsonpath={.data.wordpress-auth-key}',
    ]);
    const first = (await bootstrapJob('shopa', nsA)).metadata.name;
    const changed = {
      woocommerce: { version: '10.3.0' },
      wordpress: { resources: { limits: { memory: '768Mi' } } },
    };
    const upgraded = await installStore('shopa', nsA, VALUES_LOCAL, [storeA, changed]);
    expect(upgraded.stderr).toBe('');
    expect(upgraded.exitCode).toBe(0);

    const deployment = await workload('deployment', 'shopa-wordpress', nsA);
    expect(deployment.spec.template.spec.containers[0]?.resources?.limits?.memory).toBe('768Mi');
    const job = await bootstrapJob('shopa', nsA);
    expect(job.metadata.name).not.toBe(first);
    expect(envOf(job, 'WOOCOMMERCE_VERSION')).toBe('10.3.0');
    expect(job.status?.succeeded).toBe(1);
    const saltAfter = await kubectlOk([
      'get',
      'secret',
      'shopa-credentials',
      '--namespace',
      nsA,
      '-o',
      'jsonpath={.data.wordpress-auth-key}',
    ]);
    expect(saltAfter).not.toBe('');
    expect(saltAfter).toBe(saltBefore);
  });

  it('rolls back across the bootstrap change with a plain helm rollback, there and back again', async () => {
    const rollback = (revision: number): Promise<string> =>
      clusterHelmOk([
        'rollback',
        'shopa',
        String(revision),
        '--namespace',
        nsA,
        '--wait',
        '--wait-for-jobs',
        '--timeout',
        '60s',
      ]);
    // Revision 2 has WooCommerce 10.3.0 and its own bootstrap Job; nothing is deleted by hand.
    await rollback(1);
    let deployment = await workload('deployment', 'shopa-wordpress', nsA);
    expect(deployment.spec.template.spec.containers[0]?.resources?.limits?.memory).toBe('512Mi');
    let job = await bootstrapJob('shopa', nsA);
    expect(envOf(job, 'WOOCOMMERCE_VERSION')).toBe('10.2.4');
    expect(job.status?.succeeded).toBe(1);

    // And forward again to the revision with the other Job (the rollback that used to fail).
    await rollback(2);
    deployment = await workload('deployment', 'shopa-wordpress', nsA);
    expect(deployment.spec.template.spec.containers[0]?.resources?.limits?.memory).toBe('768Mi');
    job = await bootstrapJob('shopa', nsA);
    expect(envOf(job, 'WOOCOMMERCE_VERSION')).toBe('10.3.0');
    expect(job.status?.succeeded).toBe(1);

    const history = JSON.parse(
      await clusterHelmOk(['history', 'shopa', '--namespace', nsA, '-o', 'json']),
    ) as {
      revision: number;
      status: string;
      description: string;
    }[];
    expect(history.slice(-2).map((r) => r.description)).toEqual(['Rollback to 1', 'Rollback to 2']);
    expect(history.at(-1)?.status).toBe('deployed');
  });

  it('leaves no volume, claim, Secret or Ingress behind after uninstall and namespace deletion', async () => {
    await expectNothingLeftBehind([
      ['shopa', nsA],
      ['shopb', nsB],
    ]);
  });
});
