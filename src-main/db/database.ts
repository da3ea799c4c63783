import { chmodSync, closeSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { lockDataFolder } from './data-folder-lock';
import { migrate } from './migrations';

/** Long enough to ride out another connection's write, short enough that a stuck one is noticed. */
const BUSY_TIMEOUT_MS = 5_000;

export interface OpenDatabaseOptions {
  /** better-sqlite3's addon built for another ABI (Electron's), when node_modules holds Node's. */
  nativeBinding?: string;
  /** how long a write waits for another connection's lock; 5 s by default */
  busyTimeoutMs?: number;
}

/**
 * Opens (creating when needed) the app database and brings its schema up to date. The folder
 * holding it is locked for this process (see lockDataFolder) until the database is closed or the
 * process exits; the folder is readable by its owner only, and so is the database.
 */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Database.Database {
  const lock = file === ':memory:' ? null : lockDataFolder(dirname(file));
  let db: Database.Database;
  try {
    if (file !== ':memory:') {
      // SQLite gives its -wal and -shm files the database file's mode.
      closeSync(openSync(file, 'a', 0o600));
      chmodSync(file, 0o600);
    }
    db = new Database(file, opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : undefined);
  } catch (error) {
    lock?.release();
    throw error;
  }
  try {
    db.pragma(`busy_timeout = ${String(opts.busyTimeoutMs ?? BUSY_TIMEOUT_MS)}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // WAL makes NORMAL durable against app crashes; only a power loss may drop the last commit.
    db.pragma('synchronous = NORMAL');
    migrate(db);
  } catch (error) {
    db.close();
    lock?.release();
    throw error;
  }
  if (lock) {
    const close = db.close.bind(db);
    db.close = () => {
      try {
        return close();
      } finally {
        lock.release();
      }
    };
  }
  return db;
}
