import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { MIGRATIONS, NewerDatabaseError, migrate, schemaVersion } from './migrations';
import { StoreRepository } from './store-repository';
import { makeStore, tempDir } from './test-helpers';

describe('openDatabase', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('creates missing parent directories and the schema, with WAL and foreign keys on', () => {
    const file = join(tmp.dir, 'nested', 'deeper', 'storefleet.db');
    const db = openDatabase(file);
    expect(existsSync(file)).toBe(true);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBeGreaterThan(0);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('loads the native addon from an explicit path when given one (how Electron opens it)', () => {
    const addon = join(
      import.meta.dirname,
      '../../node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
    const db = openDatabase(join(tmp.dir, 'a.db'), { nativeBinding: addon });
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
    expect(() =>
      openDatabase(join(tmp.dir, 'b.db'), { nativeBinding: join(tmp.dir, 'missing.node') }),
    ).toThrow();
  });

  it('is idempotent: reopening applies nothing and keeps the data', () => {
    const file = join(tmp.dir, 'storefleet.db');
    const first = openDatabase(file);
    const store = makeStore();
    new StoreRepository(first).insert(store);
    first.close();

    const second = openDatabase(file);
    expect(migrate(second)).toBe(0);
    expect(schemaVersion(second)).toBe(MIGRATIONS.length);
    expect(new StoreRepository(second).get(store.id)).toEqual(store);
    second.close();
  });

  it('refuses a database written by a newer version and leaves the file untouched', () => {
    const file = join(tmp.dir, 'storefleet.db');
    const raw = new Database(file);
    raw.pragma(`user_version = ${MIGRATIONS.length + 1}`);
    raw.close();

    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(file)).toThrow(/newer version of Storefleet/);
    const check = new Database(file);
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 1);
    expect(check.prepare(`SELECT count(*) AS n FROM sqlite_master`).get()).toEqual({ n: 0 });
    check.close();
  });

  it('rolls back a failing migration whole, leaving user_version where it was', () => {
    const db = new Database(join(tmp.dir, 'broken.db'));
    const migrations = [
      'CREATE TABLE a (x INTEGER)',
      'CREATE TABLE b (y INTEGER); SELECT nope FROM missing',
    ];
    expect(() => migrate(db, migrations)).toThrow(/no such table: missing/);
    expect(schemaVersion(db)).toBe(1);
    const tables = db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all();
    expect(tables).toEqual([{ name: 'a' }]);
    db.close();
  });

  it('lets a second connection read while the first holds a write transaction (WAL)', () => {
    const file = join(tmp.dir, 'storefleet.db');
    const writer = openDatabase(file);
    const reader = openDatabase(file);
    const repo = new StoreRepository(writer);
    const store = makeStore();
    writer.exec('BEGIN IMMEDIATE');
    repo.insert(store);
    expect(new StoreRepository(reader).get(store.id)).toBeUndefined();
    writer.exec('COMMIT');
    expect(new StoreRepository(reader).get(store.id)).toEqual(store);
    writer.close();
    reader.close();
  });
});
