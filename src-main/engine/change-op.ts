import { readStoreSecretData } from './credentials';
import type { OpContext } from './op-context';
import { prepareStore } from './prepare-step';
import { installRelease } from './release';
import { runStep } from './step-runner';
import { releaseSettings } from './release-settings';
import { changedSettings, engineSettings, isStopped } from './store-settings';
import { waitAndVerify } from './workload-steps';

/**
 * helm upgrade with the same passwords and the store's kept settings plus the change, then the
 * same waits and verify. The settings are kept once Helm has them, whatever the waits say.
 */
export async function upgradeStore(ctx: OpContext, values: Record<string, string>): Promise<void> {
  // An app update may bring a new image of the kind's app: made ready before the upgrade uses it.
  await prepareStore(ctx, 'Updating');
  await runStep(ctx, 'Updating', 'upgrade', async () => {
    const next = changedSettings(ctx.settings.get(), values);
    await rerunBootstrap(ctx);
    const revision = await installRelease(ctx, next);
    ctx.settings.set(next);
    ctx.store = ctx.events.update(ctx.store.id, { helmRevision: revision });
    const changed = Object.entries(values)
      .map(([k, v]) => `${k}=${v}`)
      .join(', ');
    return `Release upgraded to revision ${revision} (${changed})`;
  });
  await waitAndVerify(ctx, 'Updating');
}

/**
 * helm rollback, and the store's kept settings become those of that revision, so the next
 * upgrade or stop builds on what is running. Rolling back to a stopped revision stops the store.
 */
export async function rollbackStore(
  ctx: OpContext,
  revision: number,
): Promise<'Ready' | 'Stopped'> {
  let stopped = false;
  await runStep(ctx, 'Updating', 'rollback', async () => {
    const release = ctx.driver.releaseName(ctx.ref);
    const ns = ctx.store.namespace;
    // Helm's errors about the release may quote its values: the redactor learns the store's
    // passwords first, even when this engine has not read them since it started.
    await readStoreSecretData(ctx.cluster, ctx.driver, ctx.ref, ctx.redactor);
    const restored = await releaseSettings({
      cluster: ctx.cluster,
      driver: ctx.driver,
      release,
      namespace: ns,
      revision,
      valuesFile: ctx.valuesFile,
    });
    stopped = isStopped(restored);
    // A stopped store has no database for a new bootstrap run to talk to.
    if (!stopped) await rerunBootstrap(ctx);
    await ctx.cluster.helm.rollback(release, ns, revision, {
      timeoutMs: ctx.timeouts.helmMs,
      signal: ctx.signal,
    });
    // The engine's own keys (a verify's checkpoint, the publishable key) are no chart values.
    ctx.settings.set({ ...restored, ...engineSettings(ctx.settings.get()) });
    const status = await ctx.cluster.helm.status(release, ns);
    if (status) ctx.store = ctx.events.update(ctx.store.id, { helmRevision: status.revision });
    return `Rolled back to revision ${revision} (now revision ${status?.revision ?? '?'})`;
  });
  if (stopped) return 'Stopped';
  await waitAndVerify(ctx, 'Updating');
  return 'Ready';
}

/** A setup Job's template is immutable; removing the finished Job lets Helm run it anew. */
async function rerunBootstrap(ctx: OpContext): Promise<void> {
  const jobs = ctx.driver
    .readiness(ctx.ref)
    .flatMap((r) => r.wait)
    .filter((w) => w.kind === 'job');
  for (const job of jobs) await ctx.cluster.deleteJob(ctx.store.namespace, job.name);
}
