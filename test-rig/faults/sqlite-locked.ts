// Another real connection holds the database's write lock (BEGIN IMMEDIATE) longer than the app's
// busy timeout while a store provisions and while the user creates a store and saves settings.
// The calls must fail with a clear error naming the lock (SQLITE_BUSY); no row may be half
// written; after a restart the store's provisioning resumes and converges.
import Database from 'better-sqlite3';
import { clusterLeftovers, integrityProblems, rowFindings, withRepo } from './checks';
import { eventually, newDataDir, uniqueName, type FaultEnv } from './fault-env';
import { startApp } from './fault-app';
import { addFindings, emptyResult, type FamilyResult } from './report';

/** The app's busy timeout (src-main/db/database.ts) and a second more. */
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
    const released = new Promise<void>((resolve) =>
      setTimeout(() => {
        holder.exec('ROLLBACK');
        holder.close();
        resolve();
      }, HOLD_MS),
    );
    const blockedName = uniqueName('blocked');
    const [create, settings] = await Promise.all([
      app.dispatch('createStore', { context, name: blockedName, kind: 'woocommerce' }),
      app.dispatch('updateSettings', { maxCreatesPerMinute: 7 }),
    ]);
    await released;
    result.injected += 2;
    for (const [what, answer] of [
      ['create', create],
      ['settings', settings],
    ] as const) {
      if (
        !answer.ok &&
        answer.error.code === 'unavailable' &&
        /SQLITE_BUSY/.test(answer.error.message)
      ) {
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
