// 100 creates at once through the real dispatch: the per-minute rate limit, then the per-context
// cap, must hold, every refusal must leave nothing behind, and the admitted stores are cancelled
// and deleted without a trace.
import type { Store } from '../../src-shared/types/store-types';
import { clusterLeftovers, rowFindings, withRepo } from './checks';
import { eventually, newDataDir, uniqueName, type FaultEnv } from './fault-env';
import { startApp, type FaultApp } from './fault-app';
import { addFindings, emptyResult, type FamilyResult } from './report';

const RATE = 5;
const CAP = 8;

export async function createBurst(env: FaultEnv): Promise<FamilyResult> {
  const result = emptyResult();
  const app = await startApp(env, await newDataDir(env, 'burst'));
  const context = env.cluster.context;
  const admitted = new Map<string, string>();
  const refusedNames: string[] = [];
  try {
    const fast = env.scale === 'fast';
    // First burst: the per-minute limit binds (the cap is far above it).
    await updateSettings(app, { maxCreatesPerMinute: RATE, maxStoresPerContext: 20 });
    await burst(app, context, fast ? 20 : 50, RATE, result, admitted, refusedNames);
    // Second burst: the per-context cap binds (the per-minute limit is raised above it).
    await updateSettings(app, { maxCreatesPerMinute: 60, maxStoresPerContext: CAP });
    await burst(app, context, fast ? 20 : 50, CAP - RATE, result, admitted, refusedNames);
    if (app.internalErrors.length > 0)
      result.notes.push(`internal: ${app.internalErrors.join('; ')}`);
  } finally {
    for (const id of admitted.keys()) {
      await app.dispatch('cancelStore', { storeId: id });
      await app.dispatch('deleteStore', { storeId: id });
    }
    const gone = await eventually(
      () =>
        [...admitted.keys()].every((id) => app.services.stores.get(id).store.status === 'Deleted'),
      120_000,
      250,
    );
    if (!gone) result.notes.push('not every admitted store reached Deleted within 120 s');
    await app.shutdown();
  }
  // Read the rows back from the file, as the next start would.
  withRepo(app.dbFile, (repo, db) => {
    addFindings(
      result,
      rowFindings(repo, admitted.keys(), () => 'Deleted'),
    );
    const named = db.prepare('SELECT count(*) AS n FROM stores WHERE name = ?');
    for (const name of refusedNames) {
      if ((named.get(name) as { n: number }).n > 0) {
        result.leftovers += 1;
        result.notes.push(`refused create ${name} left a row`);
      }
    }
  });
  const left = await clusterLeftovers(env, {
    scope: new Map([...admitted].map(([id, name]) => [id, `store-${name}`])),
  });
  // A refused create has no id; its namespace would carry its name.
  const refusedNs = new Set(refusedNames.map((n) => `store-${n}`));
  const stray = (await clusterLeftovers(env)).filter((l) =>
    [...refusedNs].some((ns) => l.includes(ns)),
  );
  addFindings(result, { leftovers: [...left, ...stray], lostRows: [] });
  return result;
}

async function updateSettings(app: FaultApp, patch: Record<string, number>): Promise<void> {
  const answer = await app.dispatch('updateSettings', patch);
  if (!answer.ok) throw new Error(`settings refused: ${answer.error.message}`);
}

/** `n` creates at once; exactly `expected` must be admitted, the rest refused as limit-exceeded. */
async function burst(
  app: FaultApp,
  context: string,
  n: number,
  expected: number,
  result: FamilyResult,
  admitted: Map<string, string>,
  refusedNames: string[],
): Promise<void> {
  const names = Array.from({ length: n }, () => uniqueName('burst'));
  const answers = await Promise.all(
    names.map((name) => app.dispatch('createStore', { context, name, kind: 'woocommerce' })),
  );
  let ok = 0;
  answers.forEach((answer, i) => {
    result.injected += 1;
    const name = names[i] ?? '';
    if (answer.ok) {
      ok += 1;
      admitted.set((answer.value as Store).id, name);
      result.converged += 1;
    } else {
      refusedNames.push(name);
      if (answer.error.code === 'limit-exceeded') result.converged += 1;
      else
        result.notes.push(
          `create ${name} refused with ${answer.error.code}: ${answer.error.message}`,
        );
    }
  });
  if (ok !== expected) {
    result.leftovers += Math.max(0, ok - expected);
    result.notes.push(`${ok} of ${n} creates admitted, ${expected} expected`);
  }
}
