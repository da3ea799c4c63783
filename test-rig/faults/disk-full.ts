// The disk holding the database fills up while a store provisions and while stores are created.
// There is no small filesystem to fill here without root, so the fault is SQLite's own limit on
// the real database file: `PRAGMA max_page_count` on the engine's connection, set to the file's
// size, makes every write that needs a new page fail with SQLITE_FULL, exactly as a full disk
// does. The calls must fail with the clear full-disk error, and once space is back (a restart
// without the limit) the stores converge with every row whole.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { clusterLeftovers, integrityProblems, rowFindings, withRepo } from './checks';
import { eventually, newDataDir, startEngine, uniqueName, type FaultEnv } from './fault-env';
import { addFindings, emptyResult, errorText, type FamilyResult } from './report';

const FULL_MESSAGE = /disk holding the app database is full \(SQLITE_FULL\)/;

export async function diskFull(env: FaultEnv): Promise<FamilyResult> {
  const result = emptyResult();
  const context = env.cluster.context;
  const dataDir = await newDataDir(env, 'full');
  const logs: string[] = [];
  const ids = new Map<string, string>();
  // Small pages, so the limit is met after a store or two rather than after a dozen.
  const seed = new Database(join(dataDir, 'storefleet.db'));
  seed.pragma('page_size = 512');
  seed.exec('VACUUM');
  seed.close();
  let t = startEngine(env, dataDir, { log: (line) => logs.push(line) });
  try {
    const pages = t.db.pragma('page_count', { simple: true }) as number;
    t.db.pragma(`max_page_count = ${pages}`);
    let refused: unknown = null;
    for (let i = 0; i < 40 && !refused; i++) {
      const name = uniqueName('full');
      env.standIn.addStore(`${name}.localhost`);
      try {
        ids.set(t.engine.create({ context, name, kind: 'woocommerce' }).id, name);
      } catch (error) {
        refused = error;
      }
    }
    result.injected += 1;
    if (refused && FULL_MESSAGE.test(errorText(refused))) {
      result.converged += 1;
      result.notes.push(
        `create on a full disk: "${errorText(refused)}" after ${ids.size} admitted`,
      );
    } else {
      result.notes.push(
        `no create met the full disk: ${refused ? errorText(refused) : 'none refused'}`,
      );
    }
    // The admitted stores provision with every write at risk.
    await Promise.all([...ids.keys()].map((id) => t.engine.settled(id)));
    const stopped = logs.filter((l) => /SQLITE_FULL/.test(l)).length;
    result.notes.push(`${stopped} operations stopped on the full disk`);
    if (stopped > 0) result.injected += 1;
    await t.close();
    // Space is back: the next start resumes whatever the full disk interrupted.
    t = startEngine(env, dataDir);
    await t.engine.resume();
    const converged = await eventually(
      () => [...ids.keys()].every((id) => t.repo.get(id)?.status === 'Ready'),
      120_000,
      250,
    );
    if (stopped > 0 && converged) result.converged += 1;
    if (!converged) {
      for (const id of ids.keys()) {
        const s = t.repo.get(id);
        if (s?.status !== 'Ready')
          result.notes.push(
            `${s?.name ?? id} is ${s?.status}/${s?.step ?? '-'}: ${s?.error ?? ''}`,
          );
      }
    }
  } finally {
    for (const id of ids.keys()) {
      await t.engine.settled(id);
      await t.engine.delete(id).catch(() => undefined);
    }
    await Promise.all([...ids.keys()].map((id) => t.engine.settled(id)));
    await t.close();
  }
  for (const p of integrityProblems(t.dbFile)) {
    result.lostRows += 1;
    result.notes.push(`integrity: ${p}`);
  }
  withRepo(t.dbFile, (repo) =>
    addFindings(
      result,
      rowFindings(repo, ids.keys(), () => 'Deleted'),
    ),
  );
  const scope = new Map([...ids].map(([id, name]) => [id, `store-${name}`]));
  addFindings(result, { leftovers: await clusterLeftovers(env, { scope }), lostRows: [] });
  return result;
}
