import { SqliteError } from 'better-sqlite3';

/**
 * A database failure the user can act on, with SQLite's own code in its message and `sqliteCode`
 * so a lock and a full disk never read the same. Its `code` is the bridge's: the renderer shows
 * the message as it is (it holds no data from the rows).
 */
export class DatabaseError extends Error {
  readonly code = 'unavailable';
  constructor(
    readonly sqliteCode: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DatabaseError';
  }
}

function sentence(code: string): string {
  const base = code.replace(/^(SQLITE_[A-Z]+).*$/, '$1');
  switch (base) {
    case 'SQLITE_BUSY':
    case 'SQLITE_LOCKED':
      return (
        `The app database stayed locked by another program until Storefleet gave up waiting (${code}). ` +
        'Close whatever else has the database open and try again.'
      );
    case 'SQLITE_FULL':
      return `The disk holding the app database is full (${code}). Free some space and try again.`;
    case 'SQLITE_READONLY':
    case 'SQLITE_PERM':
    case 'SQLITE_CANTOPEN':
      return `Storefleet may not write to its app database (${code}). Check the data folder's owner and permissions.`;
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
      return `The app database is damaged (${code}). Restore it from a backup or move it aside to start afresh.`;
    default:
      return `The app database failed (${code}).`;
  }
}

/** SQLite's errors (other than constraint violations, which callers explain) as DatabaseErrors. */
export function asDatabaseError(error: unknown): unknown {
  if (!(error instanceof SqliteError) || error.code.startsWith('SQLITE_CONSTRAINT')) return error;
  return new DatabaseError(error.code, sentence(error.code), { cause: error });
}
