import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { findChartDir } from '../chart-path';
import { MEDUSA_PLANNED, createStoreKindRegistry, storeKinds } from '../registry';
import type { StoreRef } from '../driver';
import { createWoocommerceDriver, woocommerceDriver } from './driver';

const store: StoreRef = { id: 'st_01abc', name: 'shop1', namespace: 'sf-shop1' };

describe('woocommerceDriver', () => {
  it('is the registered driver for the woocommerce kind, beside Medusa', () => {
    expect(storeKinds.driver('woocommerce')).toBe(woocommerceDriver);
    expect(woocommerceDriver.displayName).toBe('WooCommerce');
    expect(storeKinds.installed()).toEqual(['woocommerce', 'medusa']);
    expect(storeKinds.entries()[0]).toEqual({
      kind: 'woocommerce',
      displayName: 'WooCommerce',
      available: true,
    });
  });

  it('lists a planned kind without a driver as not available', () => {
    const registry = createStoreKindRegistry([woocommerceDriver], [MEDUSA_PLANNED]);
    expect(registry.driver('medusa')).toBeUndefined();
    expect(registry.installed()).toEqual(['woocommerce']);
    expect(registry.entries()).toEqual([
      { kind: 'woocommerce', displayName: 'WooCommerce', available: true },
      {
        kind: 'medusa',
        displayName: 'Medusa',
        available: false,
        unavailableReason: expect.stringMatching(/not available/) as unknown,
      },
    ]);
  });

  it('waits for MariaDB, then WordPress, then the bootstrap Job, a one-off setup', () => {
    expect(
      woocommerceDriver.readiness(store).map((r) => [r.step, r.wait, r.setup ?? false]),
    ).toEqual([
      ['wait-mariadb', [{ kind: 'statefulset', name: 'shop1-mariadb' }], false],
      ['wait-wordpress', [{ kind: 'deployment', name: 'shop1-wordpress' }], false],
      ['bootstrap', [{ kind: 'job', name: 'shop1-bootstrap' }], true],
    ]);
  });

  it('finds the chart in the repository from source', () => {
    expect(woocommerceDriver.available).toBe(true);
    expect(existsSync(join(woocommerceDriver.chartPath, 'Chart.yaml'))).toBe(true);
    expect(woocommerceDriver.chartPath).toMatch(/[/\\]charts[/\\]woocommerce$/);
  });

  it('names the release objects after the store', () => {
    expect(woocommerceDriver.releaseName(store)).toBe('shop1');
    expect(woocommerceDriver.workloads(store)).toEqual({
      statefulSets: ['shop1-mariadb'],
      deployments: ['shop1-wordpress'],
      bootstrapJob: 'shop1-bootstrap',
      credentialsSecret: 'shop1-credentials',
      service: 'shop1-wordpress',
      servicePort: 'http',
    });
    expect(() => woocommerceDriver.releaseName({ ...store, name: 'Bad_Name' })).toThrow(
      /not a DNS-1123 label/,
    );
  });

  it('builds host and URLs', () => {
    const host = woocommerceDriver.host(store, 'localhost');
    expect(host).toBe('shop1.localhost');
    expect(woocommerceDriver.storeUrl(host, 'http')).toBe('http://shop1.localhost');
    expect(woocommerceDriver.storeUrl(host, 'http', 80)).toBe('http://shop1.localhost');
    expect(woocommerceDriver.storeUrl(host, 'http', 8080)).toBe('http://shop1.localhost:8080');
    expect(woocommerceDriver.storeUrl('shop1.example.com', 'https', 443)).toBe(
      'https://shop1.example.com',
    );
    expect(woocommerceDriver.adminUrl('http://shop1.localhost:8080/')).toBe(
      'http://shop1.localhost:8080/wp-admin/',
    );
    expect(() => woocommerceDriver.host(store, 'bad domain')).toThrow(/not a valid domain/);
    expect(() => woocommerceDriver.storeUrl(host, 'http', 70000)).toThrow(/not a TCP port/);
  });

  it('generates three distinct strong passwords and a login key', () => {
    const secrets = woocommerceDriver.generateSecrets();
    expect(Object.keys(secrets).sort()).toEqual([
      'loginKey',
      'mariadbPassword',
      'mariadbRootPassword',
      'wordpressAdminPassword',
    ]);
    for (const value of Object.values(secrets)) expect(value).toMatch(/^[A-Za-z0-9]{24,}$/);
    expect(secrets['loginKey']).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(new Set(Object.values(secrets)).size).toBe(4);
  });

  it('reads secrets back from the Secret for upgrades, naming keys but never values', () => {
    const secrets = woocommerceDriver.generateSecrets();
    const data = {
      'mariadb-root-password': secrets['mariadbRootPassword'] ?? '',
      'mariadb-password': secrets['mariadbPassword'] ?? '',
      'wordpress-admin-password': secrets['wordpressAdminPassword'] ?? '',
      'wordpress-admin-user': 'admin',
      'login-key': secrets['loginKey'] ?? '',
    };
    expect(woocommerceDriver.secretsFromSecretData(data)).toEqual(secrets);
    expect(() =>
      woocommerceDriver.secretsFromSecretData({ ...data, 'mariadb-password': '' }),
    ).toThrow("the store's Secret key mariadb-password is missing");
    const encoded = Buffer.from(data['mariadb-password']).toString('base64');
    const p = () =>
      woocommerceDriver.secretsFromSecretData({ ...data, 'mariadb-password': encoded });
    expect(p).toThrow(/must be decoded first/);
    expect(p).not.toThrow(encoded);
  });

  it('turns the Secret into credentials', () => {
    const creds = woocommerceDriver.credentialsFromSecretData(
      { 'wordpress-admin-user': 'admin', 'wordpress-admin-password': 'pw-value-123' },
      'http://shop1.localhost/wp-admin/',
    );
    expect(creds).toEqual({
      username: 'admin',
      password: 'pw-value-123',
      adminUrl: 'http://shop1.localhost/wp-admin/',
    });
    expect(() =>
      woocommerceDriver.credentialsFromSecretData({ 'wordpress-admin-user': 'admin' }, '/'),
    ).toThrow("the store's Secret has no wordpress-admin-password");
  });

  it('names the Certificate and ClusterIssuer of a TLS store from its values files', () => {
    const read = (file: string): Record<string, unknown> =>
      parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const chart = read(join(woocommerceDriver.chartPath, 'values.yaml'));
    const repo = join(woocommerceDriver.chartPath, '..', '..');
    const prod = read(join(repo, 'helm-values', 'values-prod.yaml'));
    const local = read(join(repo, 'helm-values', 'values-local.yaml'));
    const merge = (over: Record<string, unknown>): Record<string, unknown> => ({
      ...chart,
      ingress: {
        ...(chart['ingress'] as object),
        ...(over['ingress'] as object),
        tls: {
          ...((chart['ingress'] as Record<string, object>)['tls'] ?? {}),
          ...((over['ingress'] as Record<string, object>)['tls'] ?? {}),
        },
      },
    });
    expect(woocommerceDriver.tlsNames(store, merge(prod))).toEqual({
      tlsCertificate: 'shop1-tls',
      tlsClusterIssuer: 'letsencrypt-prod',
    });
    expect(woocommerceDriver.tlsNames(store, merge(local))).toEqual({});
    expect(
      woocommerceDriver.tlsNames(store, {
        ingress: { tls: { enabled: true, secretName: 'shop-cert', clusterIssuer: ' ' } },
      }),
    ).toEqual({ tlsCertificate: 'shop-cert', tlsClusterIssuer: undefined });
  });

  it('rejects a demo SKU the chart would refuse', () => {
    expect(() => createWoocommerceDriver({ demoSku: 'bad sku' })).toThrow(/demo product SKU/);
  });
});

describe('findChartDir', () => {
  it('walks up from a nested directory, as from out/main in the built app', () => {
    const root = mkdtempSync(join(tmpdir(), 'chart-path-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'storefleet' }));
      mkdirSync(join(root, 'charts', 'woocommerce'), { recursive: true });
      writeFileSync(join(root, 'charts', 'woocommerce', 'Chart.yaml'), 'name: woocommerce\n');
      mkdirSync(join(root, 'out', 'main'), { recursive: true });
      expect(findChartDir('woocommerce', join(root, 'out', 'main'))).toBe(
        join(root, 'charts', 'woocommerce'),
      );
      expect(findChartDir('medusa', join(root, 'out', 'main'))).toBeNull();
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('makes a driver unavailable, with a clear error, when the chart is missing', () => {
    const missing = createWoocommerceDriver({ chartSearchFrom: tmpdir() });
    expect(missing.available).toBe(false);
    expect(missing.unavailableReason).toMatch(/WooCommerce chart was not found/);
    expect(() => missing.chartPath).toThrow(/WooCommerce chart was not found/);
  });
});
