import { describe, expect, it } from 'vitest';
import {
  parseCreateInput,
  parseUpgradeInput,
  validateRevision,
  validateStoreId,
  validateStoreName,
} from './validate-input';

describe('validateStoreName', () => {
  it.each(['a', 'shop-1', 'x'.repeat(40), 'a0day'])('accepts %s', (name) => {
    expect(validateStoreName(name)).toBe(name);
  });

  it.each([
    ['', /empty/],
    ['UPPER', /lowercase/],
    ['a_b', /lowercase/],
    ['-x', /start with a letter/],
    // a Service named <store>-wordpress must start with a letter, so a store name must too
    ['0day', /start with a letter/],
    ['x-', /end with a letter or digit/],
    ['x'.repeat(41), /at most 40/],
    ['a.b', /lowercase/],
  ])('rejects %j with a clear invalid-argument error', (name, message) => {
    expect(() => validateStoreName(name)).toThrow(message);
    expect(() => validateStoreName(name)).toThrow(
      expect.objectContaining({ code: 'invalid-argument' }),
    );
  });

  it.each([42, null, undefined, {}, ['a']])('rejects the non-string %j', (name) => {
    expect(() => validateStoreName(name)).toThrow(/must be text/);
  });
});

describe('parseCreateInput', () => {
  const kinds = ['woocommerce'];

  it('returns the checked input', () => {
    expect(
      parseCreateInput({ context: 'k3d-dev', name: 'shop', kind: 'woocommerce' }, kinds),
    ).toEqual({
      context: 'k3d-dev',
      name: 'shop',
      kind: 'woocommerce',
    });
  });

  it.each([
    [null, /needs a Kubernetes context, a name and a kind/],
    ['shop', /needs/],
    [{ name: 'shop', kind: 'woocommerce' }, /context/],
    [{ context: ' ', name: 'shop', kind: 'woocommerce' }, /context/],
    [{ context: 'c', name: 'shop', kind: 'shopify' }, /cannot create stores of that kind/],
    [{ context: 'c', name: 'shop', kind: 7 }, /cannot create stores of that kind/],
  ])('rejects %j', (input, message) => {
    expect(() => parseCreateInput(input, kinds)).toThrow(message);
  });
});

describe('ids, revisions and upgrades', () => {
  it.each(['', 5, null, 'x'.repeat(64), '../etc', 's-'])('rejects the store id %j', (id) => {
    expect(() => validateStoreId(id)).toThrow(/store id/);
  });

  it.each([0, -1, 1.5, '2', NaN])('rejects the revision %j', (revision) => {
    expect(() => validateRevision(revision)).toThrow(/whole number/);
  });

  it('keeps only the given upgrade fields', () => {
    expect(
      parseUpgradeInput({ storeId: 's', memoryLimit: '512Mi', woocommerceVersion: undefined }),
    ).toEqual({
      storeId: 's',
      values: { memoryLimit: '512Mi' },
    });
  });

  it.each([
    [{ storeId: 's' }, /at least one value/],
    [
      { storeId: 's', replicas: '3' },
      /^An upgrade can change the WordPress image tag, the WooCommerce version and the memory limit, nothing else\.$/,
    ],
    [
      { storeId: 's', toString: 'x' },
      /^An upgrade can change the WordPress image tag, the WooCommerce version and the memory limit, nothing else\.$/,
    ],
    [
      { storeId: 's', constructor: '1Gi' },
      /^An upgrade can change the WordPress image tag, the WooCommerce version and the memory limit, nothing else\.$/,
    ],
    [
      JSON.parse('{"storeId":"s","__proto__":"x"}') as unknown,
      /^An upgrade can change the WordPress image tag, the WooCommerce version and the memory limit, nothing else\.$/,
    ],
    [{ storeId: 's', memoryLimit: 'lots' }, /^A memory limit must be a whole number of Mi or Gi/],
    [{ storeId: 's', memoryLimit: '64Gi' }, /from 128Mi to 16Gi/],
    [{ storeId: 's', wordpressImageTag: 'a b' }, /must be an -apache tag/],
    [{ storeId: 's', wordpressImageTag: 6 }, /^WordPress image tag must be an -apache tag/],
    [{ storeId: 's', woocommerceVersion: 10 }, /^A WooCommerce version must be a full release/],
    [{ storeId: 's', woocommerceVersion: '9.4' }, /not 9\.4/],
  ])('rejects the upgrade %j', (input, message) => {
    expect(() => parseUpgradeInput(input)).toThrow(message);
  });

  it('answers inherited names (toString, __proto__) with an invalid-argument error, not a TypeError', () => {
    for (const input of [
      { storeId: 's', toString: 'x' },
      JSON.parse('{"storeId":"s","__proto__":"x"}') as unknown,
    ]) {
      let error: unknown;
      try {
        parseUpgradeInput(input);
      } catch (e) {
        error = e;
      }
      expect(error).not.toBeInstanceOf(TypeError);
      expect(error).toMatchObject({ code: 'invalid-argument' });
    }
  });
});

describe('WordPress image tags', () => {
  it.each(['6.8.3-php8.2-apache', '6.8-php8.3-apache', '6-apache', 'php8.2-apache'])(
    'accepts the -apache tag %s',
    (tag) => {
      expect(parseUpgradeInput({ storeId: 's', wordpressImageTag: tag }).values).toEqual({
        wordpressImageTag: tag,
      });
    },
  );

  it.each([
    '6.8.3-php8.2-fpm-alpine',
    '6.8.3-php8.2-fpm',
    '6.8.3-fpm-alpine',
    'cli-2.12.0-php8.2',
    'latest',
    '6.8.3',
    '6.8.3-apache-',
    `${'a'.repeat(122)}-apache`,
  ])('refuses %s with a message naming the tags that fit', (tag) => {
    const upgrade = () => parseUpgradeInput({ storeId: 's', wordpressImageTag: tag });
    expect(upgrade).toThrow(
      'WordPress image tag must be an -apache tag such as 6.8.3-php8.2-apache (Alpine and fpm tags do not fit the chart).',
    );
    expect(upgrade).toThrow(expect.objectContaining({ code: 'invalid-argument' }));
  });
});
