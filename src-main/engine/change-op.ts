import type { OpContext } from './op-context';
import { installRelease } from './release';
import { runStep } from './step-runner';
import { waitAndVerify } from './workload-steps';

/** helm upgrade with the same passwords and the changed values, then the same waits and verify. */
export async function upgradeStore(ctx: OpContext, values: Record<string, string>): Promise<void> {
  await runStep(ctx, 'Updating', 'upgrade', async () => {
    await rerunBootstrap(ctx);
    const revision = await installRelease(ctx, values);
    if (revision !== null) ctx.store = ctx.events.update(ctx.store.id, { helmRevision: revision });
    const changed = Object.entries(values)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return `Release upgraded to revision ${revision ?? '?'} (${changed})`;
  });
  await waitAndVerify(ctx, 'Updating');
}

export async function rollbackStore(ctx: OpContext, revision: number): Promise<void> {
  await runStep(ctx, 'Updating', 'rollback', async () => {
    const release = ctx.driver.releaseName(ctx.ref);
    await rerunBootstrap(ctx);
    await ctx.cluster.helm.rollback(release, ctx.store.namespace, revision, {
      timeoutMs: ctx.timeouts.helmMs,
      signal: ctx.signal,
    });
    const status = await ctx.cluster.helm.status(release, ctx.store.namespace);
    if (status) ctx.store = ctx.events.update(ctx.store.id, { helmRevision: status.revision });
    return `Rolled back to revision ${revision} (now revision ${status?.revision ?? '?'})`;
  });
  await waitAndVerify(ctx, 'Updating');
}

/** The bootstrap Job's template is immutable; removing the finished Job lets Helm run it anew. */
async function rerunBootstrap(ctx: OpContext): Promise<void> {
  await ctx.cluster.deleteJob(ctx.store.namespace, ctx.driver.workloads(ctx.ref).bootstrapJob);
}
