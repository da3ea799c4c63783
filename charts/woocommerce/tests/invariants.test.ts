import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectEmptyDirsFit,
  expectEveryContainerSized,
  expectQuotaHoldsStore,
  expectSecretsOnlyInSecret,
  expectStoreLabels,
} from '../../tests-shared/invariant-checks';
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
import { containersOf, isWorkload } from './shapes';

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
    expectEveryContainerSized(objects);
  });

  it('sizes the quota to hold the store, its bootstrap Job and a WP-Cron run at once, each container under the limit range max', () => {
    expectQuotaHoldsStore(objects, 2);
  });

  it('gives each pod room on the node’s disk for its emptyDirs plus what its containers write', () => {
    expectEmptyDirsFit(objects);
  });

  it('lets MariaDB keep temporary tables in /tmp: at least 1Gi of ephemeral storage', () => {
    const [mariadb] = containersOf(findObject(objects, 'StatefulSet', 'shop1-mariadb'));
    expect(
      parseQuantity(mariadb?.resources?.limits?.['ephemeral-storage'] ?? '0'),
    ).toBeGreaterThanOrEqual(parseQuantity('1Gi'));
  });

  it('labels every object, pod template and claim template with the store id and the standard labels', () => {
    expectStoreLabels(objects, 'st-invariants');
  });

  // Checks on passwords compare booleans, so a failing test never prints a password.
  it('keeps passwords out of every object but the Secret, and there only base64-encoded', () => {
    const secret = expectSecretsOnlyInSecret(objects, passwordsOf(values), 'password');
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
