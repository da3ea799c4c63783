import { describe, expect, it } from 'vitest';
import {
  STORE_NAME_MAX_LENGTH,
  isStoreName,
  storeNameProblem,
  storeNameSchema,
} from './store-name-rule';

describe('store name rule', () => {
  it.each(['a', 'shop', 'client-42', 'a'.repeat(40), 'a1', 'a--b'])('accepts %s', (name) => {
    expect(storeNameProblem(name)).toBeNull();
    expect(storeNameSchema.safeParse(name).success).toBe(true);
  });

  it.each([
    ['', 'must not be empty'],
    ['Shop', 'lowercase'],
    ['-shop', 'start with a letter'],
    // A Service is named <store>-wordpress, and a Service name must start with a letter.
    ['0day', 'start with a letter'],
    ['shop-', 'end with a letter or digit'],
    ['my_shop', 'lowercase letters, digits and hyphens'],
    ['my.shop', 'lowercase letters, digits and hyphens'],
    ['ünï', 'lowercase letters, digits and hyphens'],
    ['a'.repeat(41), 'at most 40'],
  ])('rejects %j with a sentence saying why', (name, fragment) => {
    expect(isStoreName(name)).toBe(false);
    const problem = storeNameProblem(name);
    expect(problem).toContain(fragment);
    expect(problem).toMatch(/^A store name .*\.$/);
    expect(storeNameSchema.safeParse(name).error?.issues[0]?.message).toBe(problem);
  });

  it('refuses what is not text with a sentence', () => {
    expect(storeNameSchema.safeParse(42).error?.issues[0]?.message).toBe(
      'A store name must be text.',
    );
  });

  it('fits every name the chart derives from it (the tightest: <name>-mariadb-<10-char hash>)', () => {
    const longest = 'a'.repeat(STORE_NAME_MAX_LENGTH);
    expect(`${longest}-mariadb-0123456789`.length).toBeLessThanOrEqual(63);
    expect(`${longest}-cron`.length).toBeLessThanOrEqual(52);
    expect(`store-${longest}`.length).toBeLessThanOrEqual(63);
    expect(longest.length).toBeLessThanOrEqual(53);
  });
});
