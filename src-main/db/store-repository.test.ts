import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from './database';
import { StoreRepository } from './store-repository';
import type { PendingOp } from './store-repository';
import { makeStore, tempDir } from './test-helpers';

describe('StoreRepository', () => {
  let tmp: ReturnType<typeof tempDir>;
  let file: string;
  let db: Database.Database;
  let repo: StoreRepository;

  beforeEach(() => {
    tmp = tempDir();
    file = join(tmp.dir, 'storefleet.db');
    db = openDatabase(file);
    repo = new StoreRepository(db);
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('round-trips a store through a reopened file', () => {
    const store = makeStore({ status: 'Ready', step: 'ready', helmRevision: 2 });
    repo.insert(store);
    db.close();
    db = openDatabase(file);
    expect(new StoreRepository(db).get(store.id)).toEqual(store);
  });

  it('reads when a store first became Ready and its recorded WooCommerce version', () => {
    const store = makeStore();
    repo.insert(store);
    expect(repo.get(store.id)).not.toHaveProperty('readyAt');
    expect(repo.get(store.id)).not.toHaveProperty('version');
    const event = (at: string, status: 'started' | 'succeeded') =>
      repo.appendEvent({ storeId: store.id, step: 'ready', status, message: 'Open it', at });
    event('2025-01-01T00:05:00.000Z', 'started');
    event('2025-01-01T00:06:00.000Z', 'succeeded');
    // A later upgrade passes the ready step again; the first time is the one that counts.
    event('2025-01-02T00:00:00.000Z', 'succeeded');
    repo.setSettings(store.id, { woocommerceVersion: '9.8.5' });
    const read = repo.update(store.id, { status: 'Ready' });
    expect(read).toMatchObject({ readyAt: '2025-01-01T00:06:00.000Z', version: '9.8.5' });
    expect(repo.list('k3d-dev')[0]).toMatchObject({ readyAt: read.readyAt, version: '9.8.5' });
    // A store read back can be written again: the derived fields are not columns.
    const { id: _id, ...fields } = read;
    expect(repo.update(store.id, { ...fields, status: 'Stopped' }).status).toBe('Stopped');
  });

  it('rejects a second live store with the same name in a context, and writes nothing', () => {
    const first = makeStore({ name: 'shop' });
    repo.insert(first);
    const dup = makeStore({ name: 'shop' });
    expect(() => repo.insert(dup)).toThrow(
      'a store named "shop" already exists in context "k3d-dev"',
    );
    expect(repo.get(dup.id)).toBeUndefined();
    expect(repo.list()).toHaveLength(1);
  });

  it('allows the same name in another context, and again once the old store is Deleted', () => {
    const first = makeStore({ name: 'shop' });
    repo.insert(first);
    repo.insert(makeStore({ name: 'shop', context: 'k3s-vps' }));
    repo.update(first.id, { status: 'Deleted' });
    const again = makeStore({ name: 'shop' });
    repo.insert(again);
    expect(repo.findByName('k3d-dev', 'shop')?.id).toBe(again.id);
  });

  it('refuses to revive a Deleted store whose name is taken again', () => {
    const old = makeStore({ name: 'shop' });
    repo.insert(old);
    repo.update(old.id, { status: 'Deleted' });
    repo.insert(makeStore({ name: 'shop' }));
    expect(() => repo.update(old.id, { status: 'Queued' })).toThrow(/already exists/);
    expect(repo.get(old.id)?.status).toBe('Deleted');
  });

  it('rejects invalid input with a clear message and writes nothing', () => {
    const bad = { ...makeStore(), status: 'Exploded' } as unknown as Parameters<
      StoreRepository['insert']
    >[0];
    expect(() => repo.insert(bad)).toThrow(/invalid store: status/);
    expect(repo.list()).toEqual([]);
    const store = makeStore();
    repo.insert(store);
    expect(() => repo.update(store.id, { helmRevision: -1 })).toThrow(/helmRevision/);
    expect(repo.get(store.id)).toEqual(store);
  });

  it('updates fields, stamps updatedAt, and moves statusSince only when the status changes', () => {
    const store = makeStore();
    repo.insert(store);
    const provisioning = repo.update(store.id, { status: 'Provisioning', step: 'helm' });
    expect(provisioning.step).toBe('helm');
    expect(provisioning.updatedAt > store.updatedAt).toBe(true);
    expect(provisioning.statusSince > store.statusSince).toBe(true);
    const nextStep = repo.update(store.id, { status: 'Provisioning', step: 'verify' });
    expect(nextStep.statusSince).toBe(provisioning.statusSince);
    expect(repo.get(store.id)).toEqual(nextStep);
  });

  it('treats undefined in a patch as "unchanged" and null as "clear"', () => {
    const store = makeStore({ status: 'Failed', step: 'helm', error: 'chart not found' });
    repo.insert(store);
    const updated = repo.update(store.id, { error: undefined, step: null });
    expect(updated.error).toBe('chart not found');
    expect(updated.step).toBeNull();
  });

  it('throws for an unknown id on update', () => {
    expect(() => repo.update('nope', { status: 'Ready' })).toThrow('no store with id nope');
  });

  it('lists live stores by creation time, optionally per context', () => {
    const b = makeStore({ createdAt: '2025-02-02T00:00:00.000Z' });
    const a = makeStore({ createdAt: '2025-01-01T00:00:00.000Z', context: 'other' });
    const c = makeStore({ createdAt: '2025-03-03T00:00:00.000Z' });
    const gone = makeStore({ status: 'Deleted' });
    for (const s of [c, gone, b, a]) repo.insert(s);
    expect(repo.list().map((s) => s.id)).toEqual([a.id, b.id, c.id]);
    expect(repo.list('k3d-dev').map((s) => s.id)).toEqual([b.id, c.id]);
    expect(repo.findByName(gone.context, gone.name)).toBeUndefined();
  });

  it('keeps events in insertion order and removes them with their store', () => {
    const store = makeStore();
    repo.insert(store);
    const at = '2025-01-01T00:00:00.000Z';
    const e1 = repo.appendEvent({
      storeId: store.id,
      step: 'validate',
      status: 'started',
      message: 'one',
      at,
    });
    const e2 = repo.appendEvent({
      storeId: store.id,
      step: 'validate',
      status: 'succeeded',
      message: 'two',
      at,
    });
    const e3 = repo.appendEvent({
      storeId: store.id,
      step: 'namespace',
      status: 'started',
      message: 'three',
      at,
    });
    expect(e1.id).toBeLessThan(e2.id);
    expect(repo.events(store.id)).toEqual([e1, e2, e3]);
    repo.remove(store.id);
    expect(repo.get(store.id)).toBeUndefined();
    expect(repo.events(store.id)).toEqual([]);
    expect(db.prepare('SELECT count(*) AS n FROM store_events').get()).toEqual({ n: 0 });
  });

  it('refuses an event for an unknown store', () => {
    const event = {
      storeId: 'ghost',
      step: 'validate',
      status: 'started',
      message: 'x',
      at: new Date().toISOString(),
    } as const;
    expect(() => repo.appendEvent(event)).toThrow('cannot record an event for unknown store ghost');
  });

  it('counts active stores and recent creations per context', () => {
    repo.insert(makeStore({ status: 'Ready', createdAt: '2025-01-01T00:00:00.000Z' }));
    repo.insert(makeStore({ status: 'Missing', createdAt: '2025-01-01T00:01:00.000Z' }));
    repo.insert(makeStore({ status: 'Deleted', createdAt: '2025-01-01T00:02:00.000Z' }));
    repo.insert(makeStore({ status: 'Failed', createdAt: '2025-01-01T00:03:00.000Z' }));
    repo.insert(
      makeStore({ status: 'Ready', context: 'other', createdAt: '2025-01-01T00:04:00.000Z' }),
    );
    expect(repo.countActive('k3d-dev')).toBe(2);
    expect(repo.countActive('other')).toBe(1);
    expect(repo.countCreatedSince('k3d-dev', '2025-01-01T00:01:00.000Z')).toBe(3);
    expect(repo.countCreatedSince('k3d-dev', '2025-01-01T00:03:00.001Z')).toBe(0);
  });

  it('round-trips every kind of pending operation across a reopen', () => {
    const ops: PendingOp[] = [
      { op: 'provision' },
      { op: 'delete' },
      { op: 'upgrade', values: { 'wordpress.image.tag': '6.8.3' } },
      { op: 'rollback', revision: 3 },
      { op: 'stop' },
      { op: 'start' },
    ];
    const stores = ops.map(() => makeStore());
    stores.forEach((s, i) => {
      repo.insert(s);
      repo.setPendingOp(s.id, ops[i] ?? null);
    });
    repo.insert(makeStore());
    db.close();
    db = openDatabase(file);
    repo = new StoreRepository(db);
    expect(repo.pendingOps()).toEqual(stores.map((s, i) => ({ storeId: s.id, op: ops[i] })));
    const first = stores[0];
    if (!first) throw new Error('test setup produced no stores');
    repo.setPendingOp(first.id, null);
    expect(repo.pendingOps()).toHaveLength(ops.length - 1);
  });

  it('rejects a malformed pending operation or an unknown store', () => {
    const store = makeStore();
    repo.insert(store);
    const bad = { op: 'rollback', revision: 0 } as PendingOp;
    expect(() => repo.setPendingOp(store.id, bad)).toThrow(/invalid pending operation/);
    expect(() => repo.setPendingOp('ghost', { op: 'stop' })).toThrow('no store with id ghost');
    expect(repo.pendingOps()).toEqual([]);
  });

  it('rolls back everything in a failed transaction', () => {
    const store = makeStore();
    expect(() =>
      repo.transaction(() => {
        repo.insert(store);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(repo.get(store.id)).toBeUndefined();
    expect(repo.transaction(() => repo.countActive('k3d-dev'))).toBe(0);
  });

  it('keeps a store’s chart settings across a reopen, replaces them whole, and drops them on remove', () => {
    const store = makeStore();
    repo.insert(store);
    expect(repo.settings(store.id)).toEqual({});
    repo.setSettings(store.id, { memoryLimit: '768Mi', stopped: 'true' });
    db.close();
    db = openDatabase(file);
    repo = new StoreRepository(db);
    expect(repo.settings(store.id)).toEqual({ memoryLimit: '768Mi', stopped: 'true' });
    repo.setSettings(store.id, { wordpressImageTag: '6.8.3-php8.3-apache' });
    expect(repo.settings(store.id)).toEqual({ wordpressImageTag: '6.8.3-php8.3-apache' });
    repo.remove(store.id);
    expect(repo.settings(store.id)).toEqual({});
  });

  it('refuses settings outside the allow-list, so no password can be kept this way', () => {
    const store = makeStore();
    repo.insert(store);
    const sneaky = { memoryLimit: '512Mi', mariadbPassword: 'hunter2' } as never;
    expect(() => repo.setSettings(store.id, sneaky)).toThrow(/invalid settings/);
    expect(() => repo.setSettings('ghost', {})).toThrow('no store with id ghost');
    expect(repo.settings(store.id)).toEqual({});
  });
});
