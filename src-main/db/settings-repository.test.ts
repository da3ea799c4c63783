import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Settings } from '../../src-shared/types/service-types';
import { openDatabase } from './database';
import { DEFAULT_SETTINGS, SettingsRepository } from './settings-repository';
import { tempDir } from './test-helpers';

describe('SettingsRepository', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  let db: Database.Database;

  beforeEach(() => {
    tmp = tempDir();
    file = join(tmp.dir, 'storefleet.db');
    db = openDatabase(file);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('returns the defaults on a fresh database', () => {
    expect(new SettingsRepository(db).get()).toEqual({
      maxConcurrentProvisions: 3,
      maxStoresPerContext: 20,
      maxCreatesPerMinute: 5,
      selectedContext: null,
      helmPath: null,
    });
    expect(DEFAULT_SETTINGS.maxConcurrentProvisions).toBe(3);
  });

  it('merges a patch, returns the result and keeps it across a reopen', () => {
    const updated = new SettingsRepository(db).update({
      selectedContext: 'k3d-dev',
      maxCreatesPerMinute: 2,
    });
    expect(updated).toEqual({
      ...DEFAULT_SETTINGS,
      selectedContext: 'k3d-dev',
      maxCreatesPerMinute: 2,
    });
    db.close();
    db = openDatabase(file);
    const repo = new SettingsRepository(db);
    expect(repo.get()).toEqual(updated);
    expect(repo.update({ selectedContext: null }).selectedContext).toBeNull();
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['zero concurrency', { maxConcurrentProvisions: 0 }, /maxConcurrentProvisions/],
    ['a fractional limit', { maxStoresPerContext: 2.5 }, /maxStoresPerContext/],
    ['a string number', { maxCreatesPerMinute: '5' }, /maxCreatesPerMinute/],
    ['an empty context', { selectedContext: '  ' }, /selectedContext/],
    ['an unknown key', { theme: 'dark' }, /theme/],
  ])('rejects %s with a clear error and writes nothing', (_label, patch, message) => {
    const repo = new SettingsRepository(db);
    repo.update({ helmPath: '/usr/local/bin/helm' });
    const before = repo.get();
    expect(() => repo.update({ maxCreatesPerMinute: 9, ...patch })).toThrow(message);
    expect(() => repo.update(patch as Partial<Settings>)).toThrow(/^invalid settings: /);
    expect(repo.get()).toEqual(before);
  });

  it('falls back to the default for a stored value the rules no longer accept', () => {
    db.prepare(`INSERT INTO settings (key, value) VALUES ('maxStoresPerContext', '"many"')`).run();
    db.prepare(`INSERT INTO settings (key, value) VALUES ('helmPath', 'not json')`).run();
    expect(new SettingsRepository(db).get()).toEqual(DEFAULT_SETTINGS);
  });
});
