// Helm is SIGKILLed in the middle of an upgrade, leaving its release pending-upgrade. The store
// must say the upgrade failed (not stay Updating), and the pending release must be recovered:
// the engine's next Helm run settles it and the store is Ready on a deployed release.
import { readdir, readFile } from 'node:fs/promises';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { checkStoreDeleted, helmReleases } from './checks';
import { eventually, newDataDir, startEngine, uniqueName, type FaultEnv } from './fault-env';
import { emptyResult, errorText, type FamilyResult } from './report';

const TAGS = ['6.8.2-php8.2-apache', '6.8.3-php8.3-apache', '6.8.1-php8.2-apache'];

export async function helmKill(env: FaultEnv): Promise<FamilyResult> {
  const result = emptyResult();
  const name = uniqueName('helmkill');
  const namespace = `store-${name}`;
  env.standIn.addStore(`${name}.localhost`);
  const dataDir = await newDataDir(env, 'helmkill');
  const t = startEngine(env, dataDir);
  let id = '';
  try {
    id = t.engine.create({ context: env.cluster.context, name, kind: 'woocommerce' }).id;
    await t.engine.settled(id);
    if (t.repo.get(id)?.status !== 'Ready')
      throw new Error(`store did not become Ready: ${t.repo.get(id)?.error ?? ''}`);
    const rounds = env.scale === 'fast' ? 1 : 3;
    for (let i = 0; i < rounds; i++) {
      await t.engine.upgrade({ storeId: id, wordpressImageTag: TAGS[i % TAGS.length] ?? '' });
      const pid = await findHelm(namespace, 'upgrade', 20_000);
      if (pid === null) {
        result.notes.push(`round ${i}: no helm upgrade process was seen`);
        await t.engine.settled(id);
        continue;
      }
      // Killed once Helm has recorded the pending revision, as a crash mid-upgrade leaves it.
      await eventually(() => pendingRecorded(env, namespace), 10_000, 10);
      try {
        process.kill(pid, 'SIGKILL');
        result.injected += 1;
      } catch {
        result.notes.push(`round ${i}: helm ended before the kill`);
      }
      await t.engine.settled(id);
      const after = t.repo.get(id);
      const release = (await helmReleases(env)).find((r) => r.namespace === namespace);
      result.notes.push(
        `round ${i}: store ${after?.status}/${after?.step ?? '-'}, release ${release?.status ?? 'none'}`,
      );
      // Recovery: the user upgrades again; the engine settles the pending release first.
      if (after?.status === 'Failed') await recover(t, id, result, i);
      const store = t.repo.get(id);
      const now = (await helmReleases(env)).filter((r) => r.namespace === namespace);
      if (store?.status === 'Ready' && now.length === 1 && now[0]?.status === 'deployed') {
        result.converged += 1;
      } else {
        result.notes.push(
          `round ${i}: not converged: ${store?.status} ${store?.error ?? ''} ${JSON.stringify(now)}`,
        );
      }
    }
  } catch (error) {
    result.notes.push(errorText(error));
  } finally {
    if (id) {
      await t.engine.settled(id);
      await t.engine.delete(id).catch(() => undefined);
      await t.engine.settled(id);
    }
    await t.close();
  }
  await checkStoreDeleted(env, result, t.dbFile, id ? { id, namespace } : null);
  return result;
}

/** A Failed store after a killed upgrade: what its owner does, a rollback or a Retry. */
async function recover(
  t: ReturnType<typeof startEngine>,
  id: string,
  result: FamilyResult,
  round: number,
): Promise<void> {
  const history = await t.engine.history(id);
  const good = history
    .filter((r) => r.status === 'deployed' || r.status === 'superseded')
    .sort((a, b) => b.revision - a.revision)[0];
  if (!good) {
    result.notes.push(
      `round ${round}: no good revision to roll back to: ${JSON.stringify(history)}`,
    );
    return;
  }
  // Killed before Helm recorded the upgrade's outcome, the release is pending-upgrade and the
  // last good revision is an earlier one: roll back to it. Killed after, the release is deployed
  // and already current: Retry the upgrade from its failed step.
  const current = Math.max(...history.map((r) => r.revision));
  const action = good.revision === current ? 'retry' : 'rollback';
  try {
    if (action === 'retry') await t.engine.retry(id);
    else await t.engine.rollback(id, good.revision);
    await t.engine.settled(id);
  } catch (error) {
    result.notes.push(`round ${round}: ${action} refused: ${errorText(error)}`);
  }
  const store = t.repo.get(id);
  if (store?.status !== 'Ready') {
    result.notes.push(
      `round ${round}: after ${action} ${store?.status}/${store?.step ?? '-'}: ${store?.error ?? ''}`,
    );
  }
}

async function pendingRecorded(env: FaultEnv, namespace: string): Promise<boolean> {
  const kc = new KubeConfig();
  kc.loadFromFile(env.cluster.kubeconfigPath);
  const core = kc.makeApiClient(CoreV1Api);
  const list = await core
    .listNamespacedSecret({ namespace, labelSelector: 'owner=helm,status=pending-upgrade' })
    .catch(() => ({ items: [] }));
  return list.items.length > 0;
}

/** The pid of a running `helm <verb>` on `namespace`, found in /proc; null after `timeoutMs`. */
async function findHelm(
  namespace: string,
  verb: string,
  timeoutMs: number,
): Promise<number | null> {
  let found: number | null = null;
  await eventually(
    async () => {
      for (const entry of await readdir('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
        if (argv[0]?.endsWith('/helm') && argv[1] === verb && argv.includes(namespace)) {
          found = Number(entry);
          return true;
        }
      }
      return false;
    },
    timeoutMs,
    20,
  );
  return found;
}
