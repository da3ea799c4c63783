import { describe, expect, it } from 'vitest';
import { woocommerceDriver } from './driver';
import { generatePassword } from './passwords';

const store = { id: 'st_01abc', name: 'shop1', namespace: 'sf-shop1' };
const secrets = {
  mariadbRootPassword: generatePassword(),
  mariadbPassword: generatePassword(),
  wordpressAdminPassword: generatePassword(),
};
const host = 'shop1.localhost';

describe('buildValues', () => {
  it('maps the store, host and secrets onto the chart values', () => {
    expect(woocommerceDriver.buildValues({ store, host, secrets })).toEqual({
      store: { id: 'st_01abc', name: 'shop1' },
      ingress: { host: 'shop1.localhost' },
      secrets,
      wordpress: { adminUser: 'admin', adminEmail: 'admin@shop1.localhost' },
      demoProduct: { sku: 'storefleet-demo' },
    });
  });

  it('maps the allowed extra keys onto their chart paths', () => {
    const values = woocommerceDriver.buildValues({
      store,
      host,
      secrets,
      extra: {
        wordpressImageTag: '6.8.3-php8.3-apache',
        woocommerceVersion: '10.3.0',
        memoryLimit: '768Mi',
        stopped: 'true',
      },
    });
    expect(values).toMatchObject({
      store: { id: 'st_01abc', name: 'shop1', stopped: true },
      images: { wordpress: { tag: '6.8.3-php8.3-apache' } },
      woocommerce: { version: '10.3.0' },
      wordpress: {
        adminUser: 'admin',
        adminEmail: 'admin@shop1.localhost',
        resources: { limits: { memory: '768Mi' } },
      },
    });
  });

  it('rejects an unknown extra key and names the allowed ones', () => {
    expect(() =>
      woocommerceDriver.buildValues({ store, host, secrets, extra: { 'mariadb.user': 'root' } }),
    ).toThrow(
      '"mariadb.user" cannot be set per store; allowed: wordpressImageTag, woocommerceVersion, memoryLimit, stopped',
    );
  });

  it('refuses testFailure: failure injection is the test rig’s, not a per-store value', () => {
    expect(() =>
      woocommerceDriver.buildValues({ store, host, secrets, extra: { testFailure: 'true' } }),
    ).toThrow('"testFailure" cannot be set per store');
  });

  it.each(['6.8.3-php8.2-fpm-alpine', '6.8.3-php8.2-fpm', 'cli-2.12.0-php8.2', 'latest'])(
    'refuses the WordPress image tag %s: only -apache tags fit the chart',
    (tag) => {
      expect(() =>
        woocommerceDriver.buildValues({ store, host, secrets, extra: { wordpressImageTag: tag } }),
      ).toThrow(
        'wordpressImageTag must be an -apache tag such as 6.8.3-php8.2-apache (Alpine and fpm tags do not fit the chart)',
      );
    },
  );

  it('drops a kept WordPress image tag that does not fit the chart', () => {
    expect(
      woocommerceDriver.settingsFromValues({ images: { wordpress: { tag: '6.8.3-fpm-alpine' } } }),
    ).toEqual({});
  });

  it.each([
    ['wordpressImageTag', 'latest; rm -rf /'],
    ['woocommerceVersion', 'ten'],
    ['memoryLimit', '1e9'],
    ['stopped', '1'],
  ])('rejects a malformed %s', (key, value) => {
    expect(() =>
      woocommerceDriver.buildValues({ store, host, secrets, extra: { [key]: value } }),
    ).toThrow(new RegExp(`^${key} must be`));
  });

  it('rejects bad store names, ids and hosts', () => {
    expect(() =>
      woocommerceDriver.buildValues({ store: { ...store, name: 'Shop' }, host, secrets }),
    ).toThrow(/DNS-1123/);
    expect(() =>
      woocommerceDriver.buildValues({ store: { ...store, id: 'a b' }, host, secrets }),
    ).toThrow(/label value/);
    expect(() => woocommerceDriver.buildValues({ store, host: 'localhost', secrets })).toThrow(
      /not a valid host name/,
    );
  });

  it('refuses missing or weak secrets without echoing them', () => {
    const weak = { ...secrets, mariadbPassword: 'short' };
    const build = () => woocommerceDriver.buildValues({ store, host, secrets: weak });
    expect(build).toThrow(/secret mariadbPassword is not a password this app generated/);
    expect(build).not.toThrow(/short/);
    const { mariadbRootPassword: _dropped, ...partial } = secrets;
    expect(() => woocommerceDriver.buildValues({ store, host, secrets: partial })).toThrow(
      'secret mariadbRootPassword is missing',
    );
  });

  it('keeps the admin e-mail within what the chart accepts for very long hosts', () => {
    const longHost = `${'a'.repeat(60)}.${'b'.repeat(60)}.example.com`;
    const values = woocommerceDriver.buildValues({ store, host: longHost, secrets });
    expect(values['wordpress']).toMatchObject({ adminEmail: 'admin@example.com' });
  });
});

describe('settingsFromValues', () => {
  it('reads back what buildValues wrote, and only the user-changeable keys', () => {
    const extra = {
      wordpressImageTag: '6.8.3-php8.3-apache',
      woocommerceVersion: '10.3.0',
      memoryLimit: '768Mi',
      stopped: 'false',
    };
    const values = woocommerceDriver.buildValues({ store, host, secrets, extra });
    const settings = woocommerceDriver.settingsFromValues(values);
    expect(settings).toEqual({
      wordpressImageTag: '6.8.3-php8.3-apache',
      woocommerceVersion: '10.3.0',
      memoryLimit: '768Mi',
      stopped: 'false',
    });
    for (const secret of Object.values(secrets)) {
      expect(JSON.stringify(settings)).not.toContain(secret);
    }
  });

  it('drops values of the wrong shape instead of passing them on', () => {
    expect(
      woocommerceDriver.settingsFromValues({
        store: { stopped: 'yes' },
        wordpress: { resources: { limits: { memory: { nested: true } } } },
        woocommerce: 'not an object',
      }),
    ).toEqual({});
  });
});
