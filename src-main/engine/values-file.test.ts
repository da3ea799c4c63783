import { readFile, stat } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { deepMerge, withValuesFile } from './values-file';

describe('withValuesFile', () => {
  it('writes YAML only the owner can read and removes it afterwards', async () => {
    let seen = '';
    await withValuesFile({ a: { b: 1 } }, async (file) => {
      seen = file;
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect(await readFile(file, 'utf8')).toBe('a:\n  b: 1\n');
    });
    await expect(stat(seen)).rejects.toThrow(/ENOENT/);
  });

  it('removes the file when the user fails', async () => {
    let seen = '';
    await expect(
      withValuesFile({}, (file) => {
        seen = file;
        return Promise.reject(new Error('helm failed'));
      }),
    ).rejects.toThrow('helm failed');
    await expect(stat(seen)).rejects.toThrow(/ENOENT/);
  });
});

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
