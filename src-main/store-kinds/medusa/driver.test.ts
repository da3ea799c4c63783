import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { storeKinds } from '../registry';
import type { StoreRef, VerifyContext } from '../driver';
import { createMedusaDriver, medusaDriver } from './driver';
import { ADMIN_EMAIL_KEY, MEDUSA_SECRET_KEYS } from './secrets';
import { medusaAdminEmail } from './values';

const store: StoreRef = { id: 'st_01abc', name: 'shop1', namespace: 'store-shop1' };

function secretData(secrets: Record<string, string>): Record<string, string> {
  const data: Record<string, string> = { [ADMIN_EMAIL_KEY]: 'admin@shop1.localhost' };
  for (const [name, key] of Object.entries(MEDUSA_SECRET_KEYS)) data[key] = secrets[name] ?? '';
  return data;
}

describe('medusaDriver', () => {
  it('is the registered driver for the medusa kind', () => {
    expect(storeKinds.driver('medusa')).toBe(medusaDriver);
    expect(storeKinds.entries().map((e) => e.kind)).toEqual(['woocommerce', 'medusa']);
    expect(medusaDriver.displayName).toBe('Medusa');
    expect(medusaDriver.upgradableValues).toEqual(['memoryLimit']);
  });

  it('names the release objects after the store, as the chart does', () => {
    expect(medusaDriver.releaseName(store)).toBe('shop1');
    expect(medusaDriver.workloads(store)).toEqual({
      statefulSets: ['shop1-postgres'],
      deployments: ['shop1-medusa'],
      bootstrapJob: 'shop1-setup',
      credentialsSecret: 'shop1-credentials',
      service: 'shop1-medusa',
      servicePort: 'http',
    });
    expect(() => medusaDriver.releaseName({ ...store, name: 'Bad_Name' })).toThrow(
      /not a DNS-1123 label/,
    );
  });

  it('tells where its PostgreSQL is, as the chart names it, for Connect to database', () => {
    expect(medusaDriver.databaseAccess?.(store)).toEqual({
      engine: 'postgres',
      service: 'shop1-postgres',
      servicePort: 'postgres',
      database: 'medusa',
      user: 'medusa',
      env: { database: 'POSTGRES_DB', user: 'POSTGRES_USER' },
      passwordKey: 'database-password',
    });
  });

  it('waits for PostgreSQL, then Medusa, then the setup Job, a one-off setup', () => {
    expect(medusaDriver.readiness(store).map((r) => [r.step, r.wait, r.setup ?? false])).toEqual([
      ['wait-postgres', [{ kind: 'statefulset', name: 'shop1-postgres' }], false],
      ['wait-medusa', [{ kind: 'deployment', name: 'shop1-medusa' }], false],
      ['setup', [{ kind: 'job', name: 'shop1-setup' }], true],
    ]);
  });

  it('answers at <name>.<domain>, its admin at /app', () => {
    const host = medusaDriver.host(store, 'localhost');
    expect(host).toBe('shop1.localhost');
    const url = medusaDriver.storeUrl(host, 'http', 8081);
    expect(url).toBe('http://shop1.localhost:8081');
    expect(medusaDriver.adminUrl(url)).toBe('http://shop1.localhost:8081/app');
    expect(medusaDriver.adminUrl('https://shop1.example.com/')).toBe(
      'https://shop1.example.com/app',
    );
    expect(() => medusaDriver.host(store, 'bad domain')).toThrow(/not a valid domain/);
  });

  it('generates four distinct CSPRNG secrets of letters and digits, at least 24 long', () => {
    const a = medusaDriver.generateSecrets();
    const b = medusaDriver.generateSecrets();
    expect(Object.keys(a).sort()).toEqual(
      ['adminPassword', 'cookieSecret', 'databasePassword', 'jwtSecret'].sort(),
    );
    for (const value of Object.values(a)) expect(value).toMatch(/^[A-Za-z0-9]{24,}$/);
    expect(new Set(Object.values(a)).size).toBe(4);
    expect(a.adminPassword).not.toBe(b.adminPassword);
  });

  it('builds the chart values: store, host, secrets, admin email, and the image it kept', () => {
    const secrets = medusaDriver.generateSecrets();
    const values = medusaDriver.buildValues({
      store,
      host: 'shop1.localhost',
      secrets,
      extra: { medusaImageRepository: 'storefleet/medusa-backend', medusaImageTag: 'abc123def456' },
    });
    expect(values).toEqual({
      store: { id: 'st_01abc', name: 'shop1' },
      ingress: { host: 'shop1.localhost' },
      secrets: {
        databasePassword: secrets.databasePassword,
        jwtSecret: secrets.jwtSecret,
        cookieSecret: secrets.cookieSecret,
        adminPassword: secrets.adminPassword,
      },
      medusa: {
        adminEmail: 'admin@shop1.localhost',
        image: {
          repository: 'storefleet/medusa-backend',
          tag: 'abc123def456',
          pullPolicy: 'IfNotPresent',
        },
      },
    });
    const stopped = medusaDriver.buildValues({
      store,
      host: 'shop1.localhost',
      secrets,
      extra: { stopped: 'true', memoryLimit: '1Gi' },
    });
    expect(stopped).toMatchObject({
      store: { stopped: true },
      medusa: { resources: { limits: { memory: '1Gi' } } },
    });
    expect(stopped['medusa']).not.toHaveProperty('image');
  });

  it('refuses WooCommerce settings, bad values, weak secrets and bad hosts', () => {
    const secrets = medusaDriver.generateSecrets();
    const build = (o: { extra?: Record<string, string>; host?: string; s?: typeof secrets }) =>
      medusaDriver.buildValues({
        store,
        host: o.host ?? 'shop1.localhost',
        secrets: o.s ?? secrets,
        extra: o.extra,
      });
    expect(() => build({ extra: { woocommerceVersion: '9.9.9' } })).toThrow(
      /cannot be set on a Medusa store/,
    );
    expect(() => build({ extra: { medusaImageTag: 'bad tag' } })).toThrow(/medusaImageTag must/);
    expect(() => build({ extra: { memoryLimit: 'lots' } })).toThrow(/memoryLimit must/);
    expect(() => build({ host: 'localhost' })).toThrow(/not a valid host name/);
    expect(() => build({ s: { ...secrets, jwtSecret: 'short' } })).toThrow(
      /secret jwtSecret is not a secret this app generated/,
    );
    try {
      build({ s: { ...secrets, jwtSecret: 'short' } });
    } catch (error) {
      expect(String(error)).not.toContain('short');
    }
  });

  it('uses an admin email Medusa accepts: at the store host, or a fixed one when it does not fit', () => {
    expect(medusaAdminEmail('shop1.localhost')).toBe('admin@shop1.localhost');
    expect(medusaAdminEmail('shop1.example.com')).toBe('admin@shop1.example.com');
    expect(medusaAdminEmail(`${'a'.repeat(60)}.${'b'.repeat(50)}.com`)).toBe('admin@example.com');
    expect(medusaAdminEmail('shop1.10')).toBe('admin@example.com');
  });

  it('keeps only its per-store settings from a release, never the secrets', () => {
    const values = {
      ...medusaDriver.buildValues({
        store,
        host: 'shop1.localhost',
        secrets: medusaDriver.generateSecrets(),
        extra: { medusaImageTag: 'abc123def456', memoryLimit: '1Gi', stopped: 'false' },
      }),
    };
    (values['medusa'] as Record<string, unknown>)['image'] = {
      repository: 'storefleet/medusa-backend',
      tag: 'abc123def456',
    };
    expect(medusaDriver.settingsFromValues(values)).toEqual({
      medusaImageRepository: 'storefleet/medusa-backend',
      medusaImageTag: 'abc123def456',
      memoryLimit: '1Gi',
      stopped: 'false',
    });
    expect(
      medusaDriver.settingsFromValues({ medusa: { image: { repository: 'x', tag: '' } } }),
    ).toEqual({ medusaImageRepository: 'x' });
  });

  it('reads secrets and the admin login (its email) back from the Secret', () => {
    const secrets = medusaDriver.generateSecrets();
    const data = secretData(secrets);
    expect(medusaDriver.secretsFromSecretData(data)).toEqual(secrets);
    expect(medusaDriver.credentialsFromSecretData(data, 'http://shop1.localhost/app')).toEqual({
      username: 'admin@shop1.localhost',
      password: secrets.adminPassword,
      adminUrl: 'http://shop1.localhost/app',
    });
    expect(() =>
      medusaDriver.secretsFromSecretData({ ...data, 'cookie-secret': 'c29tZQ==' }),
    ).toThrow(/cookie-secret is not a secret this app generated/);
    const { [ADMIN_EMAIL_KEY]: _email, ...noEmail } = data;
    expect(() => medusaDriver.credentialsFromSecretData(noEmail, 'u')).toThrow(/admin-email/);
  });

  it('names the certificate of a TLS Ingress after its Secret', () => {
    expect(medusaDriver.tlsNames(store, { ingress: { tls: { enabled: false } } })).toEqual({});
    expect(
      medusaDriver.tlsNames(store, {
        ingress: { tls: { enabled: true, clusterIssuer: 'letsencrypt-prod', secretName: '' } },
      }),
    ).toEqual({ tlsCertificate: 'shop1-tls', tlsClusterIssuer: 'letsencrypt-prod' });
  });

  it('is unavailable, with a reason, where the chart is missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'medusa-driver-'));
    try {
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'storefleet' }));
      mkdirSync(join(dir, 'out', 'main'), { recursive: true });
      const driver = createMedusaDriver({ chartSearchFrom: join(dir, 'out', 'main') });
      expect(driver.available).toBe(false);
      expect(driver.unavailableReason).toMatch(/Medusa chart was not found/);
      expect(() => driver.chartPath).toThrow(/no charts\/medusa\/Chart.yaml/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('image step: values that name an image are used as they are and kept out of the settings', async () => {
    const progress: string[] = [];
    const result = await medusaDriver.prepare?.({
      store,
      kube: { kubeconfig: '/nonexistent', context: 'remote-k3s' },
      values: { medusa: { image: { repository: 'registry.example.com/medusa', tag: 'v1' } } },
      signal: new AbortController().signal,
      progress: (line) => progress.push(line),
    });
    expect(result).toEqual({
      message: 'Using the Medusa image registry.example.com/medusa:v1 named in the values.',
      settings: {},
    });
  });

  it('image step: a cluster that is not k3d, with no image in the values, is refused with a sentence', async () => {
    await expect(
      medusaDriver.prepare?.({
        store,
        kube: { kubeconfig: '/nonexistent', context: 'remote-k3s' },
        values: { medusa: { image: { repository: 'storefleet/medusa-backend', tag: '' } } },
        signal: new AbortController().signal,
        progress: () => undefined,
      }),
    ).rejects.toThrow(/cannot use an image built here/);
  });

  it('verify refuses to run without the engine giving it the admin login', async () => {
    await expect(
      medusaDriver.verify({
        url: 'http://shop1.localhost',
        kube: { kubeconfig: '/nonexistent', context: 'c' },
        namespace: 'store-shop1',
        service: 'shop1-medusa',
        servicePort: 'http',
      }),
    ).rejects.toThrow(/admin login/);
    const asked: string[] = [];
    const context: VerifyContext = {
      readSecrets: () => {
        asked.push('secrets');
        return Promise.reject(new Error("The store's credentials Secret is missing."));
      },
      checkpoint: { get: () => undefined, set: () => undefined },
    };
    await expect(
      medusaDriver.verify(
        {
          url: 'http://shop1.localhost',
          kube: { kubeconfig: '/nonexistent', context: 'c' },
          namespace: 'store-shop1',
          service: 'shop1-medusa',
          servicePort: 'http',
        },
        context,
      ),
    ).rejects.toThrow(/Secret is missing/);
    expect(asked).toEqual(['secrets']);
  });
});
