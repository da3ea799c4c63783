import { mkdir, mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LEGACY_VALUES_PREFIX, deepMerge, sweepLegacyValuesFolders } from './values-file';

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

describe('sweepLegacyValuesFolders (real folders)', () => {
  it('removes old values folders of this user and leaves recent and unrelated ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storefleet-sweep-'));
    try {
      const old = join(dir, `${LEGACY_VALUES_PREFIX}old`);
      const recent = join(dir, `${LEGACY_VALUES_PREFIX}recent`);
      const other = join(dir, 'storefleet-engine-keep');
      for (const folder of [old, recent, other]) await mkdir(folder);
      await writeFile(join(old, 'store-values.yaml'), 'password: left-behind\n', { mode: 0o600 });
      const hourAgo = new Date(Date.now() - 60 * 60_000);
      await utimes(old, hourAgo, hourAgo);
      await utimes(other, hourAgo, hourAgo);

      await expect(sweepLegacyValuesFolders({ dir })).resolves.toBe(1);
      expect((await readdir(dir)).sort()).toEqual(
        ['storefleet-engine-keep', `${LEGACY_VALUES_PREFIX}recent`].sort(),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
