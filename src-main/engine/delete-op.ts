import { STORE_ID_LABEL } from '../kube/labels';
import { describeLeftover, isReclaiming, type Leftover } from '../kube/leftovers';
import { formatDuration, sleep } from '../kube/wait';
import { failureReason, isWaitTimeout } from './failure-reason';
import { throwIfAborted, type OpContext } from './op-context';
import { runStep } from './step-runner';

/**
 * helm uninstall → namespace delete → wait until gone → nothing left. Safe to re-run.
 *
 * Kubernetes' namespace controller waits five seconds after a namespace is deleted before it
 * removes anything inside (`namespaceDeletionGracePeriod`), so the namespace delete is issued
 * first and the uninstall runs during that wait instead of before it. The store's pods and
 * claims are deleted at the same time, so the controller's first pass finds nothing that makes
 * it come back seconds later. The chart creates only namespaced objects, so the order cannot
 * leak anything, and check-leftovers proves it, after waiting for the provisioner to remove
 * the store's released volumes.
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
      const what = left.length > 0 ? ` Still present: ${words(left)}.` : '';
      throw new Error(`${failureReason(error)}${what}`, { cause: error });
    }
    return `Namespace ${ns} is gone`;
  });
  await runStep(ctx, 'Deleting', 'check-leftovers', async (progress) => {
    const removed = await waitForReclaimedVolumes(ctx, progress);
    const whose = ours ? 'Nothing of the store is left' : 'Nothing this store created is left';
    return removed > 0 ? `${whose}; the provisioner removed ${volumes(removed)}` : whose;
  });
}

/** How often to look again while volumes are removed; local-path checks its helper pod each second. */
const RECLAIM_POLL_MS = 500;

/**
 * Leftovers are a failure at once, except volumes their provisioner is still removing: once the
 * namespace is gone, local-path (k3s, k3d) still needs a few seconds per volume, which it spends
 * in a helper pod while the volume shows `Released`. Those are waited for, within the delete
 * timeout; anything else is named in the failure. Returns how many volumes were waited for.
 */
async function waitForReclaimedVolumes(
  ctx: OpContext,
  progress: (message: string) => void,
): Promise<number> {
  const ns = ctx.store.namespace;
  const deadline = Date.now() + ctx.timeouts.deleteMs;
  const seen = new Set<string>();
  let reported = '';
  for (;;) {
    const left = await ctx.cluster.findLeftovers(ns, ctx.store.id);
    const reclaiming = left.filter(isReclaiming).map((l) => l.name);
    const others = left.filter((l) => !isReclaiming(l));
    if (others.length > 0) {
      const pending =
        reclaiming.length > 0
          ? ` (${volumes(reclaiming.length)} still being removed by the provisioner: ${reclaiming.join(', ')})`
          : '';
      throw new Error(`Objects of this store are still present: ${words(others)}.${pending}`);
    }
    if (reclaiming.length === 0) return seen.size;
    for (const name of reclaiming) seen.add(name);
    if (Date.now() >= deadline) {
      throw new Error(
        `The provisioner did not remove ${volumes(reclaiming.length)} within ${formatDuration(ctx.timeouts.deleteMs)}; still present: ${words(left)}.`,
      );
    }
    const message = `Waiting for ${volumes(reclaiming.length)} to be removed by the provisioner: ${reclaiming.join(', ')}`;
    if (message !== reported) progress(message);
    reported = message;
    await sleep(Math.min(RECLAIM_POLL_MS, Math.max(0, deadline - Date.now())), ctx.signal);
    throwIfAborted(ctx.signal);
  }
}

function words(left: readonly Leftover[]): string {
  return left.map(describeLeftover).join(', ');
}

function volumes(n: number): string {
  return n === 1 ? '1 volume' : `${n} volumes`;
}

async function releaseGone(ctx: OpContext, release: string): Promise<boolean> {
  const status = await ctx.cluster.helm.status(release, ctx.store.namespace).catch(() => undefined);
  return status === null;
}
