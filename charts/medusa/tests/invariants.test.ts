import { beforeAll, describe, expect, it } from 'vitest';
import {
  expectEmptyDirsFit,
  expectEveryContainerSized,
  expectQuotaHoldsStore,
  expectSecretsOnlyInSecret,
  expectStoreLabels,
} from '../../tests-shared/invariant-checks';
import { parseQuantity } from '../../woocommerce/tests/quantity';
import {
  VALUES_LOCAL,
  VALUES_PROD,
  findObject,
  render,
  secretsOf,
  storeValues,
  template,
  type K8sObject,
} from './render';
import { containersOf, isWorkload, specOf } from './shapes';

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('Medusa chart rendered with values-%s.yaml', (_name, valuesFile) => {
  const values = storeValues('shop1', 'st-invariants');
  let objects: K8sObject[] = [];
  beforeAll(async () => {
    objects = await render({ valuesFiles: [valuesFile], values: [values] });
  });

  it('gives every container, init containers and the Job included, requests and limits of CPU, memory and ephemeral storage', () => {
    const workloads = objects.filter(isWorkload);
    expect(workloads.map((w) => w.kind).sort()).toEqual(['Deployment', 'Job', 'StatefulSet']);
    const names = workloads.flatMap((w) => containersOf(w).map((c) => `${w.kind}/${c.name}`));
    expect(names.sort()).toEqual([
      'Deployment/medusa',
      'Deployment/migrate',
      'Deployment/wait-for-postgres',
      'Job/setup',
      'Job/wait-for-medusa',
      'StatefulSet/postgres',
    ]);
    expectEveryContainerSized(objects);
  });

  it('sizes the quota to hold Medusa, PostgreSQL and the setup Job at once, each container under the limit range max', () => {
    expectQuotaHoldsStore(objects, 1);
  });

  it('gives Medusa at least the 768Mi it was measured to need after ten orders (about 480 MB)', () => {
    const medusa = containersOf(findObject(objects, 'Deployment', 'shop1-medusa'));
    for (const name of ['migrate', 'medusa']) {
      const container = medusa.find((c) => c.name === name);
      expect(
        parseQuantity(container?.resources?.limits?.memory ?? '0'),
        name,
      ).toBeGreaterThanOrEqual(parseQuantity('768Mi'));
    }
  });

  it('gives each pod room on the node’s disk for its emptyDirs plus what its containers write', () => {
    expectEmptyDirsFit(objects);
  });

  it('labels every object, pod template and claim template with the store id and the standard labels', () => {
    expectStoreLabels(objects, 'st-invariants');
  });

  // Checks on secrets compare booleans, so a failing test never prints a secret.
  it('keeps every secret out of every object but the Secret (ConfigMap and env literals included), and there only base64-encoded', () => {
    const secret = expectSecretsOnlyInSecret(objects, secretsOf(values), 'secret');
    expect(JSON.stringify(secret).includes(values.secrets.adminPassword)).toBe(false);
    expect(Object.keys(secret.data).sort()).toEqual([
      'admin-email',
      'admin-password',
      'cookie-secret',
      'database-password',
      'jwt-secret',
    ]);
    const decoded = (key: string): string =>
      Buffer.from(secret.data[key] ?? '', 'base64').toString();
    const expected: [string, string][] = [
      ['database-password', values.secrets.databasePassword],
      ['jwt-secret', values.secrets.jwtSecret],
      ['cookie-secret', values.secrets.cookieSecret],
      ['admin-password', values.secrets.adminPassword],
    ];
    for (const [key, value] of expected) expect(decoded(key) === value, key).toBe(true);
    expect(decoded('admin-email')).toBe('admin@example.com');
  });

  it('feeds every secret to the containers from the Secret, and builds DATABASE_URL from it by env expansion', () => {
    const containers = objects.filter(isWorkload).flatMap(containersOf);
    const env = containers.flatMap((c) => c.env ?? []);
    const secretVars = env.filter((e) => /PASSWORD|SECRET/.test(e.name));
    expect([...new Set(secretVars.map((e) => e.name))].sort()).toEqual([
      'COOKIE_SECRET',
      'DATABASE_PASSWORD',
      'JWT_SECRET',
      'MEDUSA_ADMIN_PASSWORD',
      'POSTGRES_PASSWORD',
    ]);
    for (const variable of secretVars) {
      expect(variable.value, variable.name).toBeUndefined();
      expect(variable.valueFrom?.secretKeyRef?.name, variable.name).toBe('shop1-credentials');
    }
    for (const container of containers.filter((c) =>
      c.env?.some((e) => e.name === 'DATABASE_URL'),
    )) {
      const vars = container.env ?? [];
      const url = vars.find((e) => e.name === 'DATABASE_URL');
      expect(url?.value, container.name).toBe(
        'postgres://medusa:$(DATABASE_PASSWORD)@shop1-postgres:5432/medusa',
      );
      // $(VAR) expands only from variables declared before it.
      const passwordAt = vars.findIndex((e) => e.name === 'DATABASE_PASSWORD');
      expect(passwordAt, container.name).toBeGreaterThanOrEqual(0);
      expect(passwordAt, container.name).toBeLessThan(vars.indexOf(url as (typeof vars)[number]));
      expect(vars[passwordAt]?.valueFrom?.secretKeyRef?.key).toBe('database-password');
    }
    expect(
      containers.filter((c) => c.env?.some((e) => e.name === 'DATABASE_URL')).map((c) => c.name),
    ).toEqual(['migrate', 'medusa', 'setup']);
  });

  it('keeps the names the installer waits for', () => {
    expect(findObject(objects, 'StatefulSet', 'shop1-postgres')).toBeDefined();
    expect(findObject(objects, 'Deployment', 'shop1-medusa')).toBeDefined();
    expect(findObject(objects, 'Job', 'shop1-setup').metadata.name).toMatch(
      /^shop1-setup-[0-9a-f]{8}$/,
    );
    expect(findObject(objects, 'Secret', 'shop1-credentials')).toBeDefined();
    const service = specOf<{ ports: { name: string; port: number; targetPort: string }[] }>(
      findObject(objects, 'Service', 'shop1-medusa'),
    );
    expect(service.ports).toEqual([expect.objectContaining({ name: 'http', port: 9000 })]);
    const postgres = specOf<{ ports: { port: number }[] }>(
      findObject(objects, 'Service', 'shop1-postgres'),
    );
    expect(postgres.ports.map((p) => p.port)).toEqual([5432]);
  });
});

describe('Medusa chart template guards', () => {
  it('still demands the secrets when schema validation is skipped, naming none of the given ones', async () => {
    const { store, ingress, medusa } = storeValues();
    const result = await template({
      valuesFiles: [VALUES_LOCAL],
      values: [{ store, ingress, medusa }],
      extraArgs: ['--skip-schema-validation'],
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('secrets.databasePassword is required');
  });

  it('still refuses a short secret when schema validation is skipped, without echoing it', async () => {
    const values = storeValues();
    values.secrets.jwtSecret = 'short-jwt-secret-1';
    const result = await template({
      valuesFiles: [VALUES_LOCAL],
      values: [values],
      extraArgs: ['--skip-schema-validation'],
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('secrets.jwtSecret must be at least 24 characters long');
    expect(result.stderr).not.toContain('short-jwt-secret-1');
  });
});
