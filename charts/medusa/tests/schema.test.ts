import { describe, expect, it } from 'vitest';
import { refusedRender } from '../../tests-shared/refused-render';
import { VALUES_LOCAL, VALUES_PROD, storeValues, template, type Values } from './render';

function renderError(...values: Values[]): Promise<string> {
  return refusedRender(template, VALUES_LOCAL, values);
}

describe('Medusa values schema', () => {
  it('rejects a store without secrets and names each missing one', async () => {
    const { store, ingress, medusa } = storeValues();
    const stderr = await renderError({ store, ingress, medusa });
    expect(stderr).toMatch(/secrets.*missing propert/);
    for (const key of ['databasePassword', 'jwtSecret', 'cookieSecret', 'adminPassword'])
      expect(stderr).toContain(key);
  });

  it.each(['databasePassword', 'jwtSecret', 'cookieSecret', 'adminPassword'] as const)(
    'rejects a %s shorter than 24 characters without echoing it',
    async (key) => {
      const values = storeValues();
      values.secrets[key] = 'Short1secret2value3abc'; // 22 characters
      const stderr = await renderError(values);
      expect(stderr).toContain(`/secrets/${key}`);
      expect(stderr).not.toContain('Short1secret2value3abc');
    },
  );

  it('accepts secrets of exactly 24 characters', async () => {
    const values = storeValues();
    values.secrets.jwtSecret = 'a'.repeat(24);
    const result = await template({ valuesFiles: [VALUES_LOCAL], values: [values] });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it.each([
    'with/slash-and-more-characters',
    'with@at-sign-and-more-characters',
    'with:colon-and-more-characters',
  ])('rejects the database password %j: it goes into DATABASE_URL unescaped', async (password) => {
    const values = storeValues();
    values.secrets.databasePassword = password;
    expect(await renderError(values)).toContain('/secrets/databasePassword');
  });

  it.each([
    'Shop.localhost',
    'shop_1.localhost',
    'shop1',
    '-shop.localhost',
    'shop..localhost',
    'shop1.localhost/app',
  ])('rejects the host %j', async (host) => {
    const values = storeValues();
    values.ingress.host = host;
    expect(await renderError(values)).toContain('/ingress/host');
  });

  it('rejects an unknown key at the top level and inside each section', async () => {
    const stderr = await renderError(storeValues(), {
      replicaCount: 3,
      medusa: { replicas: 2, image: { digest: 'sha256:00' } },
      postgres: { database: 'shop' },
      setup: { testFailure: true },
    });
    expect(stderr).toContain('replicaCount');
    expect(stderr).toMatch(/\/medusa.*replicas/s);
    expect(stderr).toMatch(/\/medusa\/image.*digest/s);
    expect(stderr).toMatch(/\/postgres.*database/s);
    expect(stderr).toMatch(/\/setup.*testFailure/s);
  });

  it('rejects a malformed memory quantity', async () => {
    const stderr = await renderError(storeValues(), {
      medusa: { resources: { limits: { memory: '768 MB' } } },
    });
    expect(stderr).toContain('/medusa/resources/limits/memory');
  });

  it('rejects a worker mode other than shared: one Deployment must serve and work', async () => {
    const stderr = await renderError(storeValues(), { medusa: { workerMode: 'server' } });
    expect(stderr).toContain('/medusa/workerMode');
  });

  it.each(['17.9', '17.9-bookworm', '18-alpine', 'latest'])(
    'rejects the PostgreSQL tag %j: only Alpine tags of 15 to 17 run as uid 70 with this PGDATA',
    async (tag) => {
      expect(await renderError(storeValues(), { postgres: { image: { tag } } })).toContain(
        '/postgres/image/tag',
      );
    },
  );

  it('rejects a store name that is not a DNS label', async () => {
    const values = storeValues('Shop One');
    values.ingress.host = 'shop.localhost';
    expect(await renderError(values)).toContain('/store/name');
  });

  it('refuses a release name too long for the derived object names', async () => {
    const result = await template({
      release: 'a'.repeat(41),
      valuesFiles: [VALUES_LOCAL],
      values: [storeValues()],
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain('use at most 40');
  });
});

describe('Medusa image tag', () => {
  const BUILD_FIRST = 'medusa.image.tag is empty: the Medusa backend image must be built first';

  it.each([
    ['local', VALUES_LOCAL],
    ['prod', VALUES_PROD],
  ])(
    'is refused when empty with values-%s.yaml, with a sentence on building or naming the image',
    async (_name, valuesFile) => {
      const values = storeValues();
      values.medusa.image.tag = '';
      const result = await template({ valuesFiles: [valuesFile], values: [values] });
      expect(result.exitCode).not.toBe(0);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(BUILD_FIRST);
      expect(result.stderr).toContain('Storefleet builds it from images/medusa');
      expect(result.stderr).toContain('medusa.image.repository and medusa.image.tag');
    },
  );

  it('is refused when missing with schema validation skipped too', async () => {
    const { store, ingress, secrets } = storeValues();
    const result = await template({
      valuesFiles: [VALUES_LOCAL],
      values: [{ store, ingress, secrets }],
      extraArgs: ['--skip-schema-validation'],
    });
    expect(result.exitCode).not.toBe(0);
    expect(result.stderr).toContain(BUILD_FIRST);
  });

  it.each(['latest:1', 'has space', '-leading-dash'])(
    'rejects the malformed tag %j',
    async (tag) => {
      const values = storeValues();
      values.medusa.image.tag = tag;
      expect(await renderError(values)).toContain('/medusa/image/tag');
    },
  );

  it('uses the repository and tag given, for the server, its migrate step and the setup Job', async () => {
    const values = storeValues();
    values.medusa.image.tag = 'v2.21.2-1';
    const result = await template({
      valuesFiles: [VALUES_PROD],
      values: [values, { medusa: { image: { repository: 'ghcr.io/acme/medusa-backend' } } }],
    });
    expect(result.stderr).toBe('');
    const images = [...result.stdout.matchAll(/image: (\S+)/g)].map((m) => m[1]);
    expect(images.filter((i) => i?.includes('medusa-backend'))).toEqual([
      'ghcr.io/acme/medusa-backend:v2.21.2-1',
      'ghcr.io/acme/medusa-backend:v2.21.2-1',
      'ghcr.io/acme/medusa-backend:v2.21.2-1',
      'ghcr.io/acme/medusa-backend:v2.21.2-1',
    ]);
  });
});
