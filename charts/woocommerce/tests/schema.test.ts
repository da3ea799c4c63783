import { describe, expect, it } from 'vitest';
import { VALUES_LOCAL, storeValues, template, type Values } from './render';

async function renderError(...values: Values[]): Promise<string> {
  const result = await template({ valuesFiles: [VALUES_LOCAL], values });
  expect(result.exitCode).not.toBe(0);
  expect(result.stdout).toBe('');
  return result.stderr;
}

describe('values schema', () => {
  it('rejects a store without passwords and names each missing one', async () => {
    const { store, ingress } = storeValues();
    const stderr = await renderError({ store, ingress });
    expect(stderr).toMatch(/secrets.*missing propert/);
    expect(stderr).toContain('mariadbRootPassword');
    expect(stderr).toContain('mariadbPassword');
    expect(stderr).toContain('wordpressAdminPassword');
  });

  it('rejects a password that is too short without echoing it', async () => {
    const values = storeValues();
    values.secrets.mariadbPassword = 'short1';
    const stderr = await renderError(values);
    expect(stderr).toContain('/secrets/mariadbPassword');
    expect(stderr).not.toContain('short1');
  });

  it.each(['Shop.localhost', 'shop_1.localhost', 'shop1', '-shop.localhost', 'shop..localhost'])(
    'rejects the host %j',
    async (host) => {
      const values = storeValues();
      values.ingress.host = host;
      expect(await renderError(values)).toContain('/ingress/host');
    },
  );

  it('rejects a negative volume size', async () => {
    const stderr = await renderError(storeValues(), {
      mariadb: { persistence: { size: '-1Gi' } },
    });
    expect(stderr).toContain('/mariadb/persistence/size');
  });

  it('rejects a malformed CPU quantity', async () => {
    const stderr = await renderError(storeValues(), {
      wordpress: { resources: { limits: { cpu: '1 core' } } },
    });
    expect(stderr).toContain('/wordpress/resources/limits/cpu');
  });

  it('rejects an unknown key at the top level and inside a section', async () => {
    const stderr = await renderError(storeValues(), {
      replicaCount: 3,
      wordpress: { replicas: 2 },
    });
    expect(stderr).toContain('replicaCount');
    expect(stderr).toMatch(/\/wordpress.*replicas/s);
  });

  it('rejects a store name that is not a DNS label', async () => {
    const values = storeValues('Shop One');
    values.ingress.host = 'shop.localhost';
    expect(await renderError(values)).toContain('/store/name');
  });

  it('rejects a WooCommerce version that is not pinned to x.y.z', async () => {
    expect(await renderError(storeValues(), { woocommerce: { version: 'latest' } })).toContain(
      '/woocommerce/version',
    );
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
