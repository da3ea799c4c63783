// The real kube-apiserver is stopped in the middle of provisioning and started again on the same
// port with the same etcd. The engine must converge (waits ride out the outage; a step that
// failed on it says so, and a restart or delete cleans up) with one namespace, one release and
// one row per store.
import { checkStoreDeleted, helmReleases } from './checks';
import { newDataDir, startEngine, uniqueName, type FaultEnv } from './fault-env';
import { emptyResult, errorText, type FamilyResult } from './report';
import type { StepName } from '../../src-shared/types/store-types';

const OUTAGE_MS = 3_000;

export async function apiserverRestart(env: FaultEnv): Promise<FamilyResult> {
  const result = emptyResult();
  const apiserver = env.apiserver;
  if (!apiserver) {
    result.notes.push(
      'skipped: the suite reuses a cluster it cannot stop (unset STOREFLEET_TEST_CLUSTER_REUSE)',
    );
    return result;
  }
  const steps: StepName[] =
    env.scale === 'fast' ? ['wait-wordpress'] : ['helm', 'wait-mariadb', 'bootstrap'];
  for (const step of steps) {
    const name = uniqueName(`down-${step}`.slice(0, 14));
    const namespace = `store-${name}`;
    env.standIn.addStore(`${name}.localhost`);
    const dataDir = await newDataDir(env, 'down');
    let t = startEngine(env, dataDir);
    let id = '';
    try {
      const outage: { stopping?: Promise<void> } = {};
      t.engine.onStoreEvent((e) => {
        if (e.storeId === id && e.step === step && e.status === 'started') {
          outage.stopping ??= apiserver.stop();
        }
      });
      id = t.engine.create({ context: env.cluster.context, name, kind: 'woocommerce' }).id;
      const deadline = Date.now() + 60_000;
      while (!outage.stopping && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      if (!outage.stopping) throw new Error(`the store never reached ${step}`);
      await outage.stopping;
      result.injected += 1;
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      await apiserver.start();
      await t.engine.settled(id);
      let store = t.repo.get(id);
      result.notes.push(
        `apiserver down at ${step}: store ${store?.status}/${store?.step ?? '-'}${store?.error ? `: ${store.error}` : ''}`,
      );
      if (store?.status !== 'Ready') {
        // What the user does with a store that failed on the outage: restart the app, then delete.
        await t.close();
        t = startEngine(env, dataDir);
        await t.engine.resume();
        await t.engine.settled(id);
        store = t.repo.get(id);
      }
      const releases = (await helmReleases(env)).filter((r) => r.namespace === namespace);
      const rows = t.repo.list().filter((s) => s.name === name).length;
      const consistent =
        rows === 1 &&
        ((store?.status === 'Ready' &&
          releases.length === 1 &&
          releases[0]?.status === 'deployed') ||
          (store?.status === 'Failed' && store.error !== null && releases.length <= 1));
      if (consistent) result.converged += 1;
      else
        result.notes.push(
          `not converged: ${store?.status}, ${rows} rows, releases ${JSON.stringify(releases)}`,
        );
    } catch (error) {
      result.notes.push(`${step}: ${errorText(error)}`);
    } finally {
      if (id) {
        await t.engine.settled(id);
        await t.engine.delete(id).catch(() => undefined);
        await t.engine.settled(id);
        // Controllers that lost the apiserver reconnect with a backoff, so a delete right after
        // the outage may run out of time; its owner then presses Retry, as this does once.
        const after = t.repo.get(id);
        if (after?.status === 'Failed') {
          result.notes.push(`delete after the outage failed once: ${after.error ?? ''}; retried`);
          await t.engine.retry(id).catch((error: unknown) => {
            result.notes.push(`retry of the delete refused: ${errorText(error)}`);
          });
          await t.engine.settled(id);
        }
      }
      await t.close();
    }
    await checkStoreDeleted(env, result, t.dbFile, id ? { id, namespace } : null);
  }
  return result;
}
