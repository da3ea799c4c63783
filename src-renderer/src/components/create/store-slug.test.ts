import { describe, expect, it } from 'vitest';
import { isStoreName } from '../../../../src-shared/rules/store-name-rule';
import { finalName, slugifyTyped } from './store-slug';

describe('store name as typed', () => {
  it.each([
    ['My Shop', 'my-shop'],
    ['my_shop', 'my-shop'],
    ['  Spring  Sale 2026 ', 'spring-sale-2026-'],
    ['Café Über', 'cafe-uber'],
    ['shop.example', 'shop-example'],
    ["Bob's #1 Shop!", 'bobs-1-shop'],
    ['a--b', 'a-b'],
    ['-shop', '-shop'],
  ])('%j becomes %j', (typed, kept) => {
    expect(slugifyTyped(typed)).toBe(kept);
  });

  it('builds the same name one key at a time as pasted at once', () => {
    let value = '';
    for (const key of 'My Shop') value = slugifyTyped(value + key);
    expect(value).toBe('my-shop');
  });

  it('submits without a trailing hyphen, and the result passes the name rule', () => {
    expect(finalName(slugifyTyped('Spring Sale '))).toBe('spring-sale');
    expect(isStoreName(finalName(slugifyTyped('Spring Sale ')))).toBe(true);
    expect(finalName('-')).toBe('');
  });
});
