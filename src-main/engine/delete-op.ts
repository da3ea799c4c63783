import { STORE_ID_LABEL } from '../kube/labels';
import { failureReason, isWaitTimeout } from './failure-reason';
import type { OpContext } from './op-context';
import { runStep } from './step-runner';

/** helm uninstall → namespace delete → wait until gone → nothing left. Safe to re-run. */
export async function deleteStore(ctx: OpContext): Promise<void> {
  const ns = ctx.store.namespace;
  const o = { timeoutMs: ctx.timeouts.helmMs, signal: ctx.signal };
  await runStep(ctx, 'Deleting', 'uninstall', async () => {
    await ctx.cluster.helm.uninstall(ctx.driver.releaseName(ctx.ref), ns, o);
    return `Release ${ctx.driver.releaseName(ctx.ref)} is gone`;
  });
  let ours = false;
  await runStep(ctx, 'Deleting', 'delete-namespace', async (progress) => {
    const found = await ctx.cluster.getNamespace(ns);
    if (!found) return `Namespace ${ns} is gone`;
    // A namespace the store never created (a name clash) is the user's, and stays.
    if (found.labels[STORE_ID_LABEL] !== ctx.store.id) {
      return `Namespace ${ns} does not belong to this store and was left in place`;
    }
    ours = true;
    await ctx.cluster.deleteNamespace(ns);
    try {
      await ctx.cluster.waitForNamespaceGone(ns, {
        timeoutMs: ctx.timeouts.deleteMs,
        signal: ctx.signal,
        onProgress: progress,
      });
    } catch (error) {
      if (!isWaitTimeout(error)) throw error;
      const left = await ctx.cluster.findLeftovers(ns, ctx.store.id).catch(() => []);
      const what = left.length > 0 ? ` Still present: ${left.join(', ')}.` : '';
      throw new Error(`${failureReason(error)}${what}`, { cause: error });
    }
    return `Namespace ${ns} is gone`;
  });
  await runStep(ctx, 'Deleting', 'check-leftovers', async () => {
    const left = await ctx.cluster.findLeftovers(ns, ctx.store.id);
    if (left.length > 0)
      throw new Error(`Objects of this store are still present: ${left.join(', ')}.`);
    return ours ? 'Nothing of the store is left' : 'Nothing this store created is left';
  });
}
