import { describe, expect, it } from 'vitest';
import { deepMerge } from './values-file';

describe('deepMerge', () => {
  it('merges objects recursively and replaces everything else', () => {
    const base = { a: { b: 1, c: 2 }, list: [1], keep: true };
    expect(deepMerge(base, { a: { c: 3 }, list: [2] })).toEqual({
      a: { b: 1, c: 3 },
      list: [2],
      keep: true,
    });
    expect(base.a.c).toBe(2);
  });
});
