import { STORE_ID_LABEL } from '../kube/labels';
import { failureReason, isWaitTimeout } from './failure-reason';
import type { OpContext } from './op-context';
import { runStep } from './step-runner';

/**
 * helm uninstall → namespace delete → wait until gone → nothing left. Safe to re-run.
 *
 * Kubernetes' namespace controller waits five seconds after a namespace is deleted before it
 * removes anything inside (`namespaceDeletionGracePeriod`), so the namespace delete is issued
 * first and the uninstall runs during that wait instead of before it. The store's pods and
 * claims are deleted at the same time, so the controller's first pass finds nothing that makes
 * it come back seconds later. The chart creates only namespaced objects, so the order cannot
 * leak anything, and check-leftovers proves it.
 */
export async function deleteStore(ctx: OpContext): Promise<void> {
  const ns = ctx.store.namespace;
  const release = ctx.driver.releaseName(ctx.ref);
  const o = { timeoutMs: ctx.timeouts.helmMs, signal: ctx.signal };
  let ours = false;
  await runStep(ctx, 'Deleting', 'uninstall', async () => {
    const found = await ctx.cluster.getNamespace(ns);
    // A namespace the store never created (a name clash) is the user's, and stays.
    ours = found?.labels[STORE_ID_LABEL] === ctx.store.id;
    // Terminating from here on: nothing new can be created in it, so nothing deleted comes back.
    if (ours) await ctx.cluster.deleteNamespace(ns);
    const [helm, content] = await Promise.allSettled([
      ctx.cluster.helm.uninstall(release, ns, o),
      ours ? ctx.cluster.deleteNamespacePodsAndClaims(ns) : Promise.resolve(),
    ]);
    if (content.status === 'rejected') throw content.reason;
    // On a slow machine the namespace controller can remove the release's records while Helm
    // is still at work; the release being gone is what this step is for.
    if (helm.status === 'rejected' && !(ours && (await releaseGone(ctx, release)))) {
      throw helm.reason;
    }
    return ours
      ? `Release ${release} is gone; namespace ${ns} is being deleted`
      : `Release ${release} is gone`;
  });
  await runStep(ctx, 'Deleting', 'delete-namespace', async (progress) => {
    const found = await ctx.cluster.getNamespace(ns);
    if (!found) return `Namespace ${ns} is gone`;
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

async function releaseGone(ctx: OpContext, release: string): Promise<boolean> {
  const status = await ctx.cluster.helm.status(release, ctx.store.namespace).catch(() => undefined);
  return status === null;
}
