import type { OpContext } from './op-context';
import { installRelease } from './release';
import { runStep } from './step-runner';
import { changedSettings } from './store-settings';
import { waitAndVerify, waitForWorkload, waitOptions } from './workload-steps';

/**
 * Ready → Stopped: the same values as the last install plus stopped, so the chart scales
 * MariaDB and WordPress to zero and keeps their volumes; done once no pod of them is left.
 */
export async function stopStore(ctx: OpContext): Promise<void> {
  await runStep(ctx, 'Updating', 'stop', async (progress) => {
    const next = changedSettings(ctx.settings.get(), { stopped: 'true' });
    const revision = await installRelease(ctx, next);
    ctx.settings.set(next);
    ctx.store = ctx.events.update(ctx.store.id, { helmRevision: revision });
    // With zero replicas wanted, "ready" means the last pod is gone. Latest first: what
    // depends on another workload stops before it.
    const o = waitOptions(ctx, progress);
    const scaled = ctx.driver
      .readiness(ctx.ref)
      .flatMap((r) => r.wait)
      .filter((w) => w.kind !== 'job')
      .reverse();
    for (const w of scaled) await waitForWorkload(ctx, w, o);
    return `Stopped at revision ${revision}: WordPress and MariaDB scaled to zero, data kept`;
  });
}

/**
 * Stopped → Ready: the last install's values without stopped, then the workload waits and a
 * real order through the storefront. The bootstrap ran when the store was created and its
 * data is on the kept volumes, so it is not awaited again.
 */
export async function startStore(ctx: OpContext): Promise<void> {
  await runStep(ctx, 'Updating', 'start', async () => {
    const next = changedSettings(ctx.settings.get(), { stopped: undefined });
    const revision = await installRelease(ctx, next);
    ctx.settings.set(next);
    ctx.store = ctx.events.update(ctx.store.id, { helmRevision: revision });
    return `Started at revision ${revision}: scaling WordPress and MariaDB back up`;
  });
  await waitAndVerify(ctx, 'Updating', { setup: false });
}
