// Leftovers and lost rows, read from the cluster, Helm, the temp folder and the database itself.
import { readdir, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../src-main/db/database';
import { StoreRepository } from '../../src-main/db/store-repository';
import { connectCluster } from '../../src-main/engine/cluster-adapter';
import { BUSY_STATUSES } from '../../src-main/engine/transitions';
import { LEGACY_VALUES_PREFIX } from '../../src-main/engine/values-file';
import { STORE_ID_LABEL } from '../../src-main/kube/labels';
import { runCommand } from '../../src-main/tools/exec';
import type { FaultEnv } from './fault-env';
import { addFindings, errorText, type FamilyResult } from './report';

export interface Findings {
  leftovers: string[];
  lostRows: string[];
}

/**
 * What is left in the cluster of the stores in `scope` (their ids) that are not `live`: a
 * namespace carrying such a store's id, or a Helm release in such a store's namespace. With no
 * scope, every Storefleet namespace and every release in a store-* namespace counts.
 */
export async function clusterLeftovers(
  env: FaultEnv,
  o: { scope?: Map<string, string>; live?: Set<string> } = {},
): Promise<string[]> {
  const live = o.live ?? new Set<string>();
  const c = env.cluster;
  const cluster = connectCluster(
    { kubeconfig: c.kubeconfigPath, context: c.context },
    join(c.binDir, 'helm'),
  );
  const found: string[] = [];
  for (const ns of await cluster.listManagedNamespaces()) {
    const id = ns.labels[STORE_ID_LABEL] ?? '';
    if (o.scope && !o.scope.has(id)) continue;
    if (!live.has(id)) found.push(`namespace ${ns.name}${ns.terminating ? ' (terminating)' : ''}`);
  }
  const liveNamespaces = new Set(
    [...live].map((id) => o.scope?.get(id)).filter((n): n is string => n !== undefined),
  );
  const scopeNamespaces = o.scope ? new Set(o.scope.values()) : null;
  for (const r of await helmReleases(env)) {
    if (!r.namespace.startsWith('store-')) continue;
    if (scopeNamespaces && !scopeNamespaces.has(r.namespace)) continue;
    if (!liveNamespaces.has(r.namespace)) {
      found.push(`helm release ${r.name} in ${r.namespace} (${r.status})`);
    }
  }
  return found;
}

interface HelmListEntry {
  name: string;
  namespace: string;
  status: string;
}

/** Every release Helm knows in the cluster, in any state. */
export async function helmReleases(env: FaultEnv): Promise<HelmListEntry[]> {
  const c = env.cluster;
  const { stdout } = await runCommand(join(c.binDir, 'helm'), [
    'list',
    '--all',
    '--all-namespaces',
    '-o',
    'json',
    '--kubeconfig',
    c.kubeconfigPath,
    '--kube-context',
    c.context,
  ]);
  return JSON.parse(stdout || '[]') as HelmListEntry[];
}

/** Values files or folders (they held passwords) in the temp folder, written since `since`. */
export async function valuesFileLeftovers(since: number): Promise<string[]> {
  const found: string[] = [];
  for (const name of await readdir(tmpdir())) {
    if (!name.startsWith(LEGACY_VALUES_PREFIX)) continue;
    const info = await stat(join(tmpdir(), name)).catch(() => null);
    if (info && info.mtimeMs >= since) found.push(`values file ${join(tmpdir(), name)}`);
  }
  return found;
}

/**
 * The rows of `expected` stores after convergence: each must exist and read back whole, carry
 * no pending operation and no busy status (work nobody will finish), and no name may have two
 * live rows. `expectStatus` names the status a store must have settled in, when known.
 */
export function rowFindings(
  repo: StoreRepository,
  expected: Iterable<string>,
  expectStatus: (id: string) => string | undefined = () => undefined,
): Findings {
  const leftovers: string[] = [];
  const lostRows: string[] = [];
  const pending = new Set(safe(() => repo.pendingOps().map((p) => p.storeId), []));
  for (const id of expected) {
    let store;
    try {
      store = repo.get(id);
    } catch (error) {
      lostRows.push(`store ${id} does not read back: ${errorText(error)}`);
      continue;
    }
    if (!store) {
      lostRows.push(`store ${id} has no row`);
      continue;
    }
    const want = expectStatus(id);
    if (want && store.status !== want) {
      leftovers.push(`row of ${store.name} is ${store.status}/${store.step ?? '-'}, not ${want}`);
    } else if (BUSY_STATUSES.includes(store.status)) {
      leftovers.push(`row of ${store.name} still ${store.status} with nothing running`);
    }
    if (pending.has(id)) leftovers.push(`row of ${store.name} keeps a pending operation`);
  }
  const names = new Map<string, number>();
  for (const s of safe(() => repo.list(), [])) {
    const key = `${s.context}/${s.name}`;
    names.set(key, (names.get(key) ?? 0) + 1);
  }
  for (const [name, n] of names) if (n > 1) leftovers.push(`${n} live rows named ${name}`);
  return { leftovers, lostRows };
}

/** SQLite's own integrity check of the database file, from a separate read-only connection. */
export function integrityProblems(dbFile: string): string[] {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).filter((r) => r !== 'ok');
  } finally {
    db.close();
  }
}

function safe<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback;
  }
}

/** Opens the database file the way the app does (its folder lock included) for a check. */
export function withRepo<T>(
  dbFile: string,
  fn: (repo: StoreRepository, db: Database.Database) => T,
): T {
  const db = openDatabase(dbFile);
  try {
    return fn(new StoreRepository(db), db);
  } finally {
    db.close();
  }
}

/**
 * After a family's store was deleted: the database file is intact, its row says Deleted, and
 * nothing of it is left in its namespace; each finding is added to `result`.
 */
export async function checkStoreDeleted(
  env: FaultEnv,
  result: FamilyResult,
  dbFile: string,
  store: { id: string; namespace: string } | null,
): Promise<void> {
  for (const p of integrityProblems(dbFile)) {
    result.lostRows += 1;
    result.notes.push(`integrity: ${p}`);
  }
  if (!store) return;
  withRepo(dbFile, (repo) =>
    addFindings(
      result,
      rowFindings(repo, [store.id], () => 'Deleted'),
    ),
  );
  addFindings(result, {
    leftovers: await clusterLeftovers(env, { scope: new Map([[store.id, store.namespace]]) }),
    lostRows: [],
  });
}
