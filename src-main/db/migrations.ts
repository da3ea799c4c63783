import type Database from 'better-sqlite3';

/**
 * Ordered schema changes; the database's `PRAGMA user_version` is the number applied so far.
 * Append only: a released migration is never edited, because users' databases already ran it.
 * No column ever holds a secret: credentials live only in the store's Kubernetes Secret.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE stores (
    id            TEXT PRIMARY KEY,
    name          TEXT NOT NULL,
    kind          TEXT NOT NULL,
    context       TEXT NOT NULL,
    namespace     TEXT NOT NULL,
    status        TEXT NOT NULL,
    step          TEXT,
    error         TEXT,
    url           TEXT NOT NULL,
    admin_url     TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    status_since  TEXT NOT NULL,
    helm_revision INTEGER,
    pending_op    TEXT
  ) STRICT;
  -- A name may be reused once the store holding it is Deleted.
  CREATE UNIQUE INDEX stores_context_name_live ON stores (context, name) WHERE status <> 'Deleted';
  CREATE INDEX stores_context_created ON stores (context, created_at);

  CREATE TABLE store_events (
    id       INTEGER PRIMARY KEY AUTOINCREMENT,
    store_id TEXT NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
    step     TEXT NOT NULL,
    status   TEXT NOT NULL,
    message  TEXT NOT NULL,
    at       TEXT NOT NULL
  ) STRICT;
  CREATE INDEX store_events_store ON store_events (store_id, id);

  CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;
  `,
  // The user-changeable, non-secret chart settings of a store (image tag, versions, memory,
  // stopped), so every Helm run rebuilds the same values instead of only the latest change.
  `
  CREATE TABLE store_settings (
    store_id TEXT PRIMARY KEY REFERENCES stores (id) ON DELETE CASCADE,
    settings TEXT NOT NULL
  ) STRICT;
  `,
  // What a tool said about a failure (redacted, capped), kept apart from the one-sentence error;
  // and the operation a Failed or Cancelled store would run again on Retry, from its failed step.
  `
  ALTER TABLE stores ADD COLUMN error_details TEXT;
  ALTER TABLE stores ADD COLUMN retry_op TEXT;
  `,
];

export class NewerDatabaseError extends Error {
  constructor(
    readonly file: string,
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `the database ${file} was written by a newer version of Storefleet (schema ${found}, this version knows up to ${supported}); update Storefleet or move the file away`,
    );
    this.name = 'NewerDatabaseError';
  }
}

export function schemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Applies every migration the database has not seen yet, each in its own transaction. */
export function migrate(db: Database.Database, migrations: readonly string[] = MIGRATIONS): number {
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new NewerDatabaseError(db.name, current, migrations.length);
  }
  for (let version = current; version < migrations.length; version++) {
    const sql = migrations[version] ?? '';
    db.transaction(() => {
      db.exec(sql);
      // user_version moves in the same transaction, so a crash cannot record a half-applied step.
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
  return migrations.length - current;
}
