// Another real connection holds the database's write lock (BEGIN IMMEDIATE) longer than the app's
// busy timeout while a store provisions and while the user creates a store and saves settings.
// The calls must fail with a clear error naming the lock (SQLITE_BUSY); no row may be half
// written; after a restart the store's provisioning resumes and converges.
import Database from 'better-sqlite3';
import { clusterLeftovers, integrityProblems, rowFindings, withRepo } from './checks';
import { eventually, newDataDir, uniqueName, type FaultEnv } from './fault-env';
import { startApp } from './fault-app';
import { addFindings, emptyResult, type FamilyResult } from './report';

/** Past the app's busy timeout (5 s, src-main/db/database.ts). */
const HOLD_MS = 6_000;

export async function sqliteLocked(env: FaultEnv): Promise<FamilyResult> {
  const result = emptyResult();
  const context = env.cluster.context;
  const dataDir = await newDataDir(env, 'locked');
  const name = uniqueName('locked');
  env.standIn.addStore(`${name}.localhost`);
  let app = await startApp(env, dataDir);
  let storeId = '';
  try {
    const created = await app.dispatch('createStore', { context, name, kind: 'woocommerce' });
    if (!created.ok) throw new Error(`create refused: ${created.error.message}`);
    storeId = (created.value as { id: string }).id;
    // Locked while the store is past the namespace step, so its next writes wait on the lock.
    await eventually(() => app.services.stores.get(storeId).store.step !== null, 30_000);
    const settingsBefore = JSON.stringify(app.services.settings.get());
    const holder = new Database(app.dbFile);
    holder.exec('BEGIN IMMEDIATE');
    const blockedName = uniqueName('blocked');
    // Held until both calls have answered: each waits the busy timeout once it reaches the
    // database, so the lock outlasts it whatever the create's checks before that cost.
    const hold = setTimeout(() => undefined, HOLD_MS);
    const [create, settings] = await Promise.all([
      app.dispatch('createStore', { context, name: blockedName, kind: 'woocommerce' }),
      app.dispatch('updateSettings', { maxCreatesPerMinute: 7 }),
    ]);
    clearTimeout(hold);
    holder.exec('ROLLBACK');
    holder.close();
    if (create.ok) {
      const stray = (create.value as { id: string }).id;
      await app.dispatch('cancelStore', { storeId: stray });
      await app.dispatch('deleteStore', { storeId: stray });
      await eventually(
        () => app.services.stores.get(stray).store.status === 'Deleted',
        60_000,
        200,
      );
    }
    for (const [what, answer] of [
      ['create', create],
      ['settings', settings],
    ] as const) {
      const busy = !answer.ok && /SQLITE_BUSY/.test(answer.error.message);
      // A create's Helm and cluster checks come first; on a loaded machine they may refuse it
      // before it reaches the database, and then the lock was not what it met.
      if (!answer.ok && !busy && what === 'create') {
        result.notes.push(`create refused before the database: ${answer.error.message}`);
        continue;
      }
      result.injected += 1;
      if (busy && answer.error.code === 'unavailable') {
        result.converged += 1;
        result.notes.push(`${what} while locked: "${answer.error.message}"`);
      } else {
        result.notes.push(`${what} while locked answered ${JSON.stringify(answer).slice(0, 300)}`);
      }
    }
    if (JSON.stringify(app.services.settings.get()) !== settingsBefore) {
      result.leftovers += 1;
      result.notes.push('settings changed although the save failed');
    }
    if (app.services.stores.list(context).some((s) => s.name === blockedName)) {
      result.leftovers += 1;
      result.notes.push('the create that failed left a row');
    }
    // The provisioning store met the lock too; it either rode it out or stopped with its work
    // pending. A restart resumes what is pending.
    result.injected += 1;
    await app.shutdown();
    app = await startApp(env, dataDir);
    const ready = await eventually(
      () => app.services.stores.get(storeId).store.status === 'Ready',
      90_000,
      200,
    );
    const store = app.services.stores.get(storeId).store;
    if (ready) result.converged += 1;
    else
      result.notes.push(
        `after the lock and a restart the store is ${store.status}/${store.step ?? '-'}: ${store.error ?? ''}`,
      );
    if (app.logs.some((l) => /SQLITE_BUSY/.test(l))) {
      result.notes.push('the provisioning store met the lock (logged with SQLITE_BUSY)');
    }
  } finally {
    if (storeId) {
      await app.dispatch('deleteStore', { storeId });
      await eventually(
        () => app.services.stores.get(storeId).store.status === 'Deleted',
        90_000,
        200,
      );
    }
    await app.shutdown();
  }
  for (const p of integrityProblems(app.dbFile)) {
    result.lostRows += 1;
    result.notes.push(`integrity: ${p}`);
  }
  if (storeId) {
    withRepo(app.dbFile, (repo) =>
      addFindings(
        result,
        rowFindings(repo, [storeId], () => 'Deleted'),
      ),
    );
    const left = await clusterLeftovers(env, { scope: new Map([[storeId, `store-${name}`]]) });
    addFindings(result, { leftovers: left, lostRows: [] });
  }
  return result;
}
