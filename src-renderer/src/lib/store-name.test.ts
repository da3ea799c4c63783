import { describe, expect, it } from 'vitest';
import { isValidStoreName, storeNameProblem } from './store-name';

describe('store name rule', () => {
  it.each(['a', 'shop', 'client-42', '0day', 'a'.repeat(40)])('accepts %s', (name) => {
    expect(storeNameProblem(name)).toBeNull();
  });

  it.each([
    ['', 'Enter a name.'],
    ['Shop', 'lowercase'],
    ['-shop', 'Start and end'],
    ['shop-', 'Start and end'],
    ['my_shop', 'lowercase letters, digits and hyphens'],
    ['my.shop', 'lowercase letters, digits and hyphens'],
    ['ünï', 'lowercase letters, digits and hyphens'],
    ['a'.repeat(41), 'at most 40'],
  ])('rejects %j', (name, fragment) => {
    expect(isValidStoreName(name)).toBe(false);
    expect(storeNameProblem(name)).toContain(fragment);
  });
});
