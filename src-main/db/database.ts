import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrate } from './migrations';

/** Long enough to ride out another connection's write, short enough that a stuck one is noticed. */
const BUSY_TIMEOUT_MS = 5_000;

export interface OpenDatabaseOptions {
  /** better-sqlite3's addon built for another ABI (Electron's), when node_modules holds Node's. */
  nativeBinding?: string;
}

/** Opens (creating when needed) the app database and brings its schema up to date. */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(
    file,
    opts.nativeBinding ? { nativeBinding: opts.nativeBinding } : undefined,
  );
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    // WAL makes NORMAL durable against app crashes; only a power loss may drop the last commit.
    db.pragma('synchronous = NORMAL');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}
