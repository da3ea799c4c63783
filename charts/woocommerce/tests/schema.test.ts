import { describe, expect, it } from 'vitest';
import { refusedRender } from '../../tests-shared/refused-render';
import { VALUES_LOCAL, storeValues, template, type Values } from './render';

function renderError(...values: Values[]): Promise<string> {
  return refusedRender(template, VALUES_LOCAL, values);
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

  it('rejects bootstrap.testFailure: the chart has no test-only values', async () => {
    const stderr = await renderError(storeValues(), { bootstrap: { testFailure: true } });
    expect(stderr).toMatch(/\/bootstrap.*testFailure/s);
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

  it.each(['0.00', '0.0', '0', '00.00', '-1.00', '10'])(
    'rejects the demo product price %j (a free order completes without payment)',
    async (price) => {
      expect(await renderError(storeValues(), { demoProduct: { price } })).toContain(
        '/demoProduct/price',
      );
    },
  );

  it.each(['0.01', '0.10', '10.00', '9999999.99'])(
    'accepts the demo product price %j',
    async (price) => {
      const result = await template({
        valuesFiles: [VALUES_LOCAL],
        values: [storeValues(), { demoProduct: { price } }],
      });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
    },
  );

  it.each(['6.8.3-php8.2-fpm-alpine', '6.8.3-fpm', '6.8.3-php8.2-fpm', 'cli-2.12.0-php8.2'])(
    'rejects the WordPress image tag %j: only -apache tags fit the chart',
    async (tag) => {
      const stderr = await renderError(storeValues(), { images: { wordpress: { tag } } });
      expect(stderr).toContain('/images/wordpress/tag');
      expect(stderr).toContain('-apache$');
    },
  );

  it.each(['6.8.3-php8.2-apache', '6.8-php8.3-apache', 'php8.2-apache'])(
    'accepts the WordPress image tag %j',
    async (tag) => {
      const result = await template({
        valuesFiles: [VALUES_LOCAL],
        values: [storeValues(), { images: { wordpress: { tag } } }],
      });
      expect(result.stderr).toBe('');
      expect(result.exitCode).toBe(0);
    },
  );

  it('refuses a free demo product and a non-apache tag with a clear message when schema validation is skipped', async () => {
    const withoutSchema = async (...values: Values[]): Promise<string> => {
      const result = await template({
        valuesFiles: [VALUES_LOCAL],
        values,
        extraArgs: ['--skip-schema-validation'],
      });
      expect(result.exitCode).not.toBe(0);
      return result.stderr;
    };
    expect(await withoutSchema(storeValues(), { demoProduct: { price: '0.00' } })).toContain(
      'demoProduct.price "0.00" must be a price of at least 0.01',
    );
    expect(
      await withoutSchema(storeValues(), { images: { wordpress: { tag: '6.8.3-fpm-alpine' } } }),
    ).toContain('WordPress image tag must be an -apache tag such as 6.8.3-php8.2-apache');
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
