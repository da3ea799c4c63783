import type Database from 'better-sqlite3';
import { SqliteError } from 'better-sqlite3';
import type { z } from 'zod';
import type { StepName, Store, StoreEvent } from '../../src-shared/types/store-types';
import {
  DERIVED_STORE_COLUMNS,
  STORE_COLUMNS,
  describeIssues,
  eventFromRow,
  newEventSchema,
  pendingOpSchema,
  storeFromRow,
  storePatchSchema,
  storeSchema,
  storeSettingsSchema,
  type StoreSettings,
} from './store-rows';
import { asDatabaseError } from './database-error';

export type { StoreSettings } from './store-rows';

/** Work the engine has accepted but not finished; it survives a restart so the work can resume. */
export type PendingOp = (
  | { op: 'provision' }
  | { op: 'delete' }
  | { op: 'upgrade'; values: Record<string, string> }
  | { op: 'rollback'; revision: number }
  | { op: 'stop' }
  | { op: 'start' }
) & {
  /** a retry: the steps before this one succeeded in an earlier run and are not run again */
  resumeFrom?: StepName;
};

type StoreColumn = (typeof STORE_COLUMNS)[keyof typeof STORE_COLUMNS];
const COLUMN_LIST = Object.values(STORE_COLUMNS) as StoreColumn[];
const SELECT_STORE = `SELECT ${[...COLUMN_LIST, ...DERIVED_STORE_COLUMNS].join(', ')} FROM stores`;

function isUniqueViolation(error: unknown): boolean {
  return error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(describeIssues(what, result.error));
  return result.data;
}

function toRow(store: Partial<Store>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(STORE_COLUMNS)) {
    // undefined means "leave as is"; null is a value (it clears the column).
    const value = store[key as keyof Store];
    if (value !== undefined) row[column] = value;
  }
  return row;
}

export class StoreRepository {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      insert: db.prepare(
        `INSERT INTO stores (${COLUMN_LIST.join(', ')}) VALUES (${COLUMN_LIST.map((c) => `@${c}`).join(', ')})`,
      ),
      get: db.prepare(`${SELECT_STORE} WHERE id = ?`),
      listAll: db.prepare(`${SELECT_STORE} WHERE status <> 'Deleted' ORDER BY created_at, rowid`),
      listContext: db.prepare(
        `${SELECT_STORE} WHERE status <> 'Deleted' AND context = ? ORDER BY created_at, rowid`,
      ),
      findByName: db.prepare(
        `${SELECT_STORE} WHERE status <> 'Deleted' AND context = ? AND name = ?`,
      ),
      remove: db.prepare(`DELETE FROM stores WHERE id = ?`),
      removeEvents: db.prepare(`DELETE FROM store_events WHERE store_id = ?`),
      appendEvent: db.prepare(
        `INSERT INTO store_events (store_id, step, status, message, at) VALUES (@storeId, @step, @status, @message, @at)`,
      ),
      events: db.prepare(
        `SELECT id, store_id, step, status, message, at FROM store_events WHERE store_id = ? ORDER BY id`,
      ),
      countActive: db.prepare(
        `SELECT count(*) AS n FROM stores WHERE context = ? AND status NOT IN ('Deleted', 'Missing')`,
      ),
      // Deleted rows still count: a create-then-delete loop must not dodge the rate limit.
      countCreatedSince: db.prepare(
        `SELECT count(*) AS n FROM stores WHERE context = ? AND created_at >= ?`,
      ),
      setPendingOp: db.prepare(`UPDATE stores SET pending_op = ? WHERE id = ?`),
      setRetryOp: db.prepare(`UPDATE stores SET retry_op = ? WHERE id = ?`),
      retryOp: db.prepare(`SELECT retry_op FROM stores WHERE id = ?`),
      settings: db.prepare(`SELECT settings FROM store_settings WHERE store_id = ?`),
      setSettings: db.prepare(
        `INSERT INTO store_settings (store_id, settings) VALUES (?, ?)
         ON CONFLICT (store_id) DO UPDATE SET settings = excluded.settings`,
      ),
      removeSettings: db.prepare(`DELETE FROM store_settings WHERE store_id = ?`),
      pendingOps: db.prepare(
        `SELECT id, pending_op FROM stores WHERE pending_op IS NOT NULL ORDER BY created_at, rowid`,
      ),
    };
  }

  insert(store: Store): void {
    const valid = parseOrThrow(storeSchema, store, 'store');
    try {
      // A column the store leaves out (an optional field) is written as NULL.
      const empty = Object.fromEntries(COLUMN_LIST.map((c) => [c, null]));
      this.stmts.insert.run({ ...empty, ...toRow(valid) });
    } catch (error) {
      if (isUniqueViolation(error))
        throw this.duplicateError(valid.context, valid.name, valid.id, error);
      if (error instanceof SqliteError && error.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
        throw new Error(`a store with id ${valid.id} already exists`, { cause: error });
      }
      throw asDatabaseError(error);
    }
  }

  update(id: string, patch: Partial<Omit<Store, 'id'>>): Store {
    const valid = parseOrThrow(storePatchSchema, patch, `update for store ${id}`);
    return this.transaction(() => {
      const current = this.get(id);
      if (!current) throw new Error(`no store with id ${id}`);
      const now = new Date().toISOString();
      const changes: Partial<Store> = { ...valid, updatedAt: valid.updatedAt ?? now };
      if (valid.status !== undefined && valid.status !== current.status && !valid.statusSince) {
        changes.statusSince = now;
      }
      const row = toRow(changes);
      const assignments = Object.keys(row).map((column) => `${column} = @${column}`);
      try {
        this.db.prepare(`UPDATE stores SET ${assignments.join(', ')} WHERE id = @id`).run({
          ...row,
          id,
        });
      } catch (error) {
        const next = { ...current, ...changes };
        if (isUniqueViolation(error)) throw this.duplicateError(next.context, next.name, id, error);
        throw error;
      }
      const updated = this.get(id);
      if (!updated) throw new Error(`store ${id} vanished during update`);
      return updated;
    });
  }

  get(id: string): Store | undefined {
    const row = this.stmts.get.get(id);
    return row === undefined ? undefined : storeFromRow(row);
  }

  list(context?: string): Store[] {
    const rows =
      context === undefined ? this.stmts.listAll.all() : this.stmts.listContext.all(context);
    return rows.map(storeFromRow);
  }

  findByName(context: string, name: string): Store | undefined {
    const row = this.stmts.findByName.get(context, name);
    return row === undefined ? undefined : storeFromRow(row);
  }

  remove(id: string): void {
    this.transaction(() => {
      this.stmts.removeEvents.run(id);
      this.stmts.removeSettings.run(id);
      this.stmts.remove.run(id);
    });
  }

  appendEvent(e: Omit<StoreEvent, 'id'>): StoreEvent {
    const valid = parseOrThrow(newEventSchema, e, 'store event');
    if (!this.get(valid.storeId)) {
      throw new Error(`cannot record an event for unknown store ${valid.storeId}`);
    }
    const result = this.write(() => this.stmts.appendEvent.run(valid));
    return { id: Number(result.lastInsertRowid), ...valid };
  }

  events(storeId: string): StoreEvent[] {
    return this.stmts.events.all(storeId).map(eventFromRow);
  }

  countActive(context: string): number {
    return (this.stmts.countActive.get(context) as { n: number }).n;
  }

  countCreatedSince(context: string, sinceIso: string): number {
    return (this.stmts.countCreatedSince.get(context, sinceIso) as { n: number }).n;
  }

  setPendingOp(id: string, op: PendingOp | null): void {
    const valid = op === null ? null : parseOrThrow(pendingOpSchema, op, 'pending operation');
    const json = valid === null ? null : JSON.stringify(valid);
    const result = this.write(() => this.stmts.setPendingOp.run(json, id));
    if (result.changes === 0) throw new Error(`no store with id ${id}`);
  }

  /** The operation Retry runs for a Failed or Cancelled store; null clears it. */
  setRetryOp(id: string, op: PendingOp | null): void {
    const valid = op === null ? null : parseOrThrow(pendingOpSchema, op, 'retry operation');
    const json = valid === null ? null : JSON.stringify(valid);
    const result = this.write(() => this.stmts.setRetryOp.run(json, id));
    if (result.changes === 0) throw new Error(`no store with id ${id}`);
  }

  retryOp(id: string): PendingOp | null {
    const row = this.stmts.retryOp.get(id) as { retry_op: string | null } | undefined;
    if (!row?.retry_op) return null;
    const parsed = pendingOpSchema.safeParse(JSON.parse(row.retry_op));
    return parsed.success ? parsed.data : null;
  }

  pendingOps(): { storeId: string; op: PendingOp }[] {
    const rows = this.stmts.pendingOps.all() as { id: string; pending_op: string }[];
    return rows.map((row) => ({
      storeId: row.id,
      op: pendingOpSchema.parse(JSON.parse(row.pending_op)),
    }));
  }

  /** The store's kept chart settings; empty when none were ever changed. */
  settings(storeId: string): StoreSettings {
    const row = this.stmts.settings.get(storeId) as { settings: string } | undefined;
    if (!row) return {};
    return parseOrThrow(storeSettingsSchema, JSON.parse(row.settings), `settings of ${storeId}`);
  }

  /** Replaces the store's kept chart settings; only the allow-listed, non-secret keys pass. */
  setSettings(storeId: string, settings: StoreSettings): void {
    const valid = parseOrThrow(storeSettingsSchema, settings, `settings of ${storeId}`);
    if (!this.get(storeId)) throw new Error(`no store with id ${storeId}`);
    this.write(() => this.stmts.setSettings.run(storeId, JSON.stringify(valid)));
  }

  /**
   * Runs fn atomically; nests safely (inner calls become savepoints). The write lock is taken at
   * the start (BEGIN IMMEDIATE), so a database another connection is writing is waited for up to
   * the busy timeout; a deferred start would fail at once when its first write found it locked.
   */
  transaction<T>(fn: () => T): T {
    try {
      return this.db.transaction(fn).immediate();
    } catch (error) {
      throw asDatabaseError(error);
    }
  }

  /** One statement outside a transaction, its SQLite failure explained. */
  private write<T>(fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw asDatabaseError(error);
    }
  }

  private duplicateError(context: string, name: string, id: string, cause: unknown): Error {
    const existing = this.findByName(context, name);
    const clash =
      existing && existing.id !== id ? ` (store ${existing.id}, ${existing.status})` : '';
    return new Error(`a store named "${name}" already exists in context "${context}"${clash}`, {
      cause,
    });
  }
}
