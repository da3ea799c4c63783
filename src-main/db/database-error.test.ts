import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseError } from './database-error';
import { openDatabase } from './database';
import { SettingsRepository } from './settings-repository';
import { StoreRepository } from './store-repository';
import { makeStore, tempDir } from './test-helpers';

const BUSY_MS = 400;

describe('writes against a locked or full database (real SQLite files)', () => {
  let tmp: ReturnType<typeof tempDir>;
  beforeEach(() => {
    tmp = tempDir();
  });
  afterEach(() => tmp.cleanup());

  it('waits the busy timeout for another connection’s write lock, then names SQLITE_BUSY', () => {
    const file = join(tmp.dir, 'storefleet.db');
    const db = openDatabase(file, { busyTimeoutMs: BUSY_MS });
    const repo = new StoreRepository(db);
    const store = makeStore();
    repo.insert(store);
    // Another program (a second connection) holds the write lock.
    const other = new Database(file);
    other.exec('BEGIN IMMEDIATE');
    try {
      const started = performance.now();
      let error: unknown;
      try {
        repo.update(store.id, { status: 'Provisioning' });
      } catch (e) {
        error = e;
      }
      const waited = performance.now() - started;
      expect(waited).toBeGreaterThanOrEqual(BUSY_MS * 0.9);
      expect(error).toBeInstanceOf(DatabaseError);
      expect(error).toMatchObject({
        code: 'unavailable',
        sqliteCode: 'SQLITE_BUSY',
        message:
          'The app database stayed locked by another program until Storefleet gave up waiting ' +
          '(SQLITE_BUSY). Close whatever else has the database open and try again.',
      });

      const settings = new SettingsRepository(db);
      expect(() => settings.update({ maxConcurrentProvisions: 3 })).toThrow(/SQLITE_BUSY/);
    } finally {
      other.exec('ROLLBACK');
      other.close();
    }
    // Nothing was half-written, and the lock gone, writes go through.
    expect(repo.get(store.id)?.status).toBe('Queued');
    expect(repo.update(store.id, { status: 'Provisioning' }).status).toBe('Provisioning');
    db.close();
  });

  it('a write that the lock holder releases in time goes through', async () => {
    const file = join(tmp.dir, 'storefleet.db');
    const db = openDatabase(file, { busyTimeoutMs: 3_000 });
    const repo = new StoreRepository(db);
    const store = makeStore();
    repo.insert(store);
    // SQLite waits synchronously, so no timer of this process could release the lock: the
    // holder is another process.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const D = require(${JSON.stringify(createRequire(import.meta.url).resolve('better-sqlite3'))});
         const d = new D(${JSON.stringify(file)});
         d.exec('BEGIN IMMEDIATE');
         process.stdout.write('locked\\n');
         setTimeout(() => { d.exec('COMMIT'); d.close(); }, 300);`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    expect(repo.update(store.id, { status: 'Provisioning' }).status).toBe('Provisioning');
    await new Promise((resolve) => holder.once('exit', resolve));
    db.close();
  });

  it('tells a full database (SQLITE_FULL) from a locked one', () => {
    const file = join(tmp.dir, 'storefleet.db');
    const db = openDatabase(file);
    const repo = new StoreRepository(db);
    const store = makeStore();
    repo.insert(store);
    // SQLite's own page limit makes it answer exactly as on a full disk.
    const pages = Number(db.pragma('page_count', { simple: true }));
    db.pragma(`max_page_count = ${String(pages)}`);
    let error: unknown;
    try {
      for (let i = 0; i < 500; i++) {
        repo.appendEvent({
          storeId: store.id,
          at: new Date().toISOString(),
          step: 'helm',
          status: 'progress',
          message: 'x'.repeat(2_000),
        });
      }
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'unavailable',
      sqliteCode: 'SQLITE_FULL',
      message:
        'The disk holding the app database is full (SQLITE_FULL). Free some space and try again.',
    });
    db.close();
  });
});
