import { beforeAll, describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity';
import {
  VALUES_LOCAL,
  VALUES_PROD,
  findObject,
  passwordsOf,
  render,
  storeValues,
  template,
  type K8sObject,
} from './render';
import { containersOf, isWorkload, podTemplateOf, specOf, type Container } from './shapes';

const STANDARD_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/version',
  'app.kubernetes.io/managed-by',
  'app.kubernetes.io/component',
  'app.kubernetes.io/part-of',
];

interface ClaimTemplate {
  metadata: { labels?: Record<string, string> };
  spec: { resources: { requests: { storage: string } } };
}

function claimTemplatesOf(obj: K8sObject): ClaimTemplate[] {
  if (obj.kind !== 'StatefulSet') return [];
  return specOf<{ volumeClaimTemplates?: ClaimTemplate[] }>(obj).volumeClaimTemplates ?? [];
}

/** What a pod counts against a quota: the larger of its init containers and the sum of the rest. */
function podUsage(
  containers: Container[],
  init: Container[],
  kind: 'requests' | 'limits',
  resource: string,
): number {
  const of = (c: Container): number => parseQuantity(c.resources?.[kind]?.[resource] ?? '0');
  const main = containers.reduce((sum, c) => sum + of(c), 0);
  return Math.max(main, ...init.map(of));
}

const RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

// What a pod's containers write to their writable layers and logs, beyond its emptyDirs.
const WRITES_HEADROOM = parseQuantity('256Mi');

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('rendered with values-%s.yaml', (_name, valuesFile) => {
  const values = storeValues('shop1', 'st-invariants');
  let objects: K8sObject[] = [];
  beforeAll(async () => {
    objects = await render({ valuesFiles: [valuesFile], values: [values] });
  });

  it('gives every container, init containers and the Job included, requests and limits of CPU, memory and ephemeral storage', () => {
    const workloads = objects.filter(isWorkload);
    expect(workloads.map((w) => w.kind).sort()).toEqual([
      'CronJob',
      'Deployment',
      // the mail catcher's, where the values file turns it on
      ...(valuesFile === VALUES_LOCAL ? ['Deployment'] : []),
      'Job',
      'StatefulSet',
    ]);
    for (const workload of workloads) {
      for (const container of containersOf(workload)) {
        const where = `${workload.kind}/${container.name}`;
        for (const kind of ['requests', 'limits'] as const) {
          expect(container.resources?.[kind]?.cpu, `${where} ${kind}.cpu`).toBeTruthy();
          expect(container.resources?.[kind]?.memory, `${where} ${kind}.memory`).toBeTruthy();
          expect(
            container.resources?.[kind]?.['ephemeral-storage'],
            `${where} ${kind}.ephemeral-storage`,
          ).toBeTruthy();
        }
      }
    }
  });

  it('sizes the quota to hold the store, its bootstrap Job and a WP-Cron run at once, each container under the limit range max', () => {
    const hard = specOf<{ hard: Record<string, string> }>(
      findObject(objects, 'ResourceQuota', 'shop1-quota'),
    ).hard;
    const limitRange = specOf<{ limits: { type: string; max: Record<string, string> }[] }>(
      findObject(objects, 'LimitRange', 'shop1-limits'),
    ).limits.find((l) => l.type === 'Container');
    expect(limitRange).toBeDefined();
    for (const kind of ['requests', 'limits'] as const) {
      for (const resource of RESOURCES) {
        const total = objects.filter(isWorkload).reduce((sum, w) => {
          const spec = podTemplateOf(w).spec;
          return sum + podUsage(spec.containers, spec.initContainers ?? [], kind, resource);
        }, 0);
        const quota = hard[`${kind}.${resource}`];
        expect(quota, `quota ${kind}.${resource}`).toBeDefined();
        expect(total, `${kind}.${resource}`).toBeLessThanOrEqual(parseQuantity(quota ?? '0'));
      }
    }
    for (const container of objects.filter(isWorkload).flatMap(containersOf)) {
      for (const resource of RESOURCES) {
        expect(parseQuantity(container.resources?.limits?.[resource] ?? '0')).toBeLessThanOrEqual(
          parseQuantity(limitRange?.max[resource] ?? '0'),
        );
      }
    }
    const storage = [
      ...objects
        .filter((o) => o.kind === 'PersistentVolumeClaim')
        .map((o) => specOf<ClaimTemplate['spec']>(o).resources.requests.storage),
      ...objects.flatMap(claimTemplatesOf).map((c) => c.spec.resources.requests.storage),
    ];
    expect(storage).toHaveLength(2);
    expect(storage.length).toBeLessThanOrEqual(Number(hard.persistentvolumeclaims));
    expect(storage.reduce((sum, s) => sum + parseQuantity(s), 0)).toBeLessThanOrEqual(
      parseQuantity(hard['requests.storage'] ?? '0'),
    );
    for (const key of ['pods', 'services', 'secrets', 'configmaps'])
      expect(Number(hard[key])).toBeGreaterThan(0);
  });

  it('gives each pod room on the node’s disk for its emptyDirs plus what its containers write', () => {
    for (const workload of objects.filter(isWorkload)) {
      const spec = podTemplateOf(workload).spec;
      const emptyDirs = (spec.volumes ?? []).filter((v) => v.emptyDir !== undefined);
      for (const volume of emptyDirs)
        expect(volume.emptyDir?.sizeLimit, `${workload.kind} ${volume.name}`).toBeTruthy();
      const emptyDirTotal = emptyDirs.reduce(
        (sum, v) => sum + parseQuantity(v.emptyDir?.sizeLimit ?? '0'),
        0,
      );
      // emptyDirs count against the pod's ephemeral storage; the containers' writable layers and
      // logs come on top.
      const podLimit = podUsage(
        spec.containers,
        spec.initContainers ?? [],
        'limits',
        'ephemeral-storage',
      );
      expect(podLimit, workload.kind).toBeGreaterThanOrEqual(emptyDirTotal + WRITES_HEADROOM);
      for (const container of spec.containers) {
        const request = parseQuantity(container.resources?.requests?.['ephemeral-storage'] ?? '0');
        const limit = parseQuantity(container.resources?.limits?.['ephemeral-storage'] ?? '0');
        expect(request, `${workload.kind}/${container.name}`).toBeGreaterThan(0);
        expect(request, `${workload.kind}/${container.name}`).toBeLessThanOrEqual(limit);
      }
    }
  });

  it('lets MariaDB keep temporary tables in /tmp: at least 1Gi of ephemeral storage', () => {
    const [mariadb] = containersOf(findObject(objects, 'StatefulSet', 'shop1-mariadb'));
    expect(
      parseQuantity(mariadb?.resources?.limits?.['ephemeral-storage'] ?? '0'),
    ).toBeGreaterThanOrEqual(parseQuantity('1Gi'));
  });

  it('labels every object, pod template and claim template with the store id and the standard labels', () => {
    for (const obj of objects) {
      const where = `${obj.kind}/${obj.metadata.name}`;
      expect(obj.metadata.labels?.['storefleet.io/store-id'], where).toBe('st-invariants');
      for (const label of STANDARD_LABELS)
        expect(obj.metadata.labels?.[label], `${where} ${label}`).toBeTruthy();
      if (isWorkload(obj)) {
        const podLabels = podTemplateOf(obj).metadata.labels ?? {};
        expect(podLabels['storefleet.io/store-id'], `${where} pod template`).toBe('st-invariants');
        for (const label of STANDARD_LABELS)
          expect(podLabels[label], `${where} pod ${label}`).toBeTruthy();
      }
      for (const claim of claimTemplatesOf(obj)) {
        expect(claim.metadata.labels?.['storefleet.io/store-id'], `${where} claim template`).toBe(
          'st-invariants',
        );
        // Claim templates are immutable; a label that changes with the chart version would block upgrades.
        const stable = STANDARD_LABELS.filter((l) => l !== 'app.kubernetes.io/version');
        for (const label of stable)
          expect(claim.metadata.labels?.[label], `${where} claim ${label}`).toBeTruthy();
        expect(claim.metadata.labels?.['app.kubernetes.io/version']).toBeUndefined();
      }
    }
  });

  // Checks on passwords compare booleans, so a failing test never prints a password.
  it('keeps passwords out of every object but the Secret, and there only base64-encoded', () => {
    const secrets = passwordsOf(values);
    const encoded = secrets.map((s) => Buffer.from(s).toString('base64'));
    for (const obj of objects.filter((o) => o.kind !== 'Secret')) {
      const text = JSON.stringify(obj);
      for (const secret of [...secrets, ...encoded])
        expect(text.includes(secret), `password in ${obj.kind}/${obj.metadata.name}`).toBe(false);
    }
    const secret = findObject(objects, 'Secret', 'shop1-credentials') as K8sObject & {
      data: Record<string, string>;
      stringData?: unknown;
    };
    expect(secret.stringData).toBeUndefined();
    expect(JSON.stringify(secret)).not.toContain(values.secrets.wordpressAdminPassword);
    const decoded = (key: string): string =>
      Buffer.from(secret.data[key] ?? '', 'base64').toString();
    expect(
      decoded('mariadb-root-password') === values.secrets.mariadbRootPassword,
      'mariadb-root-password',
    ).toBe(true);
    expect(decoded('mariadb-password') === values.secrets.mariadbPassword, 'mariadb-password').toBe(
      true,
    );
    expect(
      decoded('wordpress-admin-password') === values.secrets.wordpressAdminPassword,
      'wordpress-admin-password',
    ).toBe(true);
    expect(decoded('wordpress-admin-user')).toBe('admin');
  });

  it('feeds every password to the containers from the Secret', () => {
    const env = objects
      .filter(isWorkload)
      .flatMap(containersOf)
      .flatMap((c) => c.env ?? []);
    const passwordVars = env.filter((e) => /PASSWORD|_KEY$|_SALT$/.test(e.name));
    expect(passwordVars.map((e) => e.name)).toEqual(
      expect.arrayContaining([
        'MARIADB_ROOT_PASSWORD',
        'MARIADB_PASSWORD',
        'WORDPRESS_DB_PASSWORD',
        'WORDPRESS_ADMIN_PASSWORD',
        'WORDPRESS_AUTH_KEY',
      ]),
    );
    for (const variable of passwordVars) {
      expect(variable.value, variable.name).toBeUndefined();
      expect(variable.valueFrom?.secretKeyRef?.name, variable.name).toBe('shop1-credentials');
    }
  });

  it('keeps the names the installer waits for', () => {
    expect(findObject(objects, 'StatefulSet', 'shop1-mariadb')).toBeDefined();
    expect(findObject(objects, 'Deployment', 'shop1-wordpress')).toBeDefined();
    expect(findObject(objects, 'Job', 'shop1-bootstrap')).toBeDefined();
    expect(findObject(objects, 'CronJob', 'shop1-cron')).toBeDefined();
  });
});

describe('template guards', () => {
  it('still demands the passwords when schema validation is skipped', async () => {
    const { store, ingress } = storeValues();
    const result = await template({
      valuesFiles: [VALUES_LOCAL],
      values: [{ store, ingress }],
      extraArgs: ['--skip-schema-validation'],
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('secrets.mariadbRootPassword is required');
  });
});
