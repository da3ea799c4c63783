import { join } from 'node:path';
import type { ReadinessStep, StorefrontTlsNames } from '../store-kinds/driver';
import type { WaitOptions } from './cluster-port';
import { verifyContext } from './verify-context';
import { runStep } from './step-runner';
import { changedSettings } from './store-settings';
import type { OpContext, WorkStatus } from './op-context';
import { deepMerge, readValuesFile } from './values-file';

/** How long a workload wait may take, reporting progress and hiding the store's passwords. */
export function waitOptions(ctx: OpContext, progress: (m: string) => void): WaitOptions {
  return {
    timeoutMs: ctx.timeouts.waitMs,
    signal: ctx.signal,
    onProgress: progress,
    redact: ctx.redactor.known(ctx.store.id),
  };
}

/** What names the store's certificate in messages, read only for an https store. */
function tlsNames(ctx: OpContext): StorefrontTlsNames {
  if (!ctx.store.url.startsWith('https:')) return {};
  const values = deepMerge(
    readValuesFile(join(ctx.driver.chartPath, 'values.yaml')),
    readValuesFile(ctx.valuesFile),
  );
  return ctx.driver.tlsNames(ctx.ref, values);
}

/** Waits until one workload is ready (a Job: complete) or, scaled to zero, has no pod left. */
export function waitForWorkload(
  ctx: OpContext,
  w: ReadinessStep['wait'][number],
  o: WaitOptions,
): Promise<void> {
  const ns = ctx.store.namespace;
  switch (w.kind) {
    case 'statefulset':
      return ctx.cluster.waitForStatefulSetReady(ns, w.name, o);
    case 'deployment':
      return ctx.cluster.waitForDeploymentReady(ns, w.name, o);
    case 'job':
      return ctx.cluster.waitForJobComplete(ns, w.name, o);
  }
}

/**
 * The driver's readiness steps (WooCommerce: wait-mariadb → wait-wordpress → bootstrap; Medusa:
 * wait-postgres → wait-medusa → setup), then
 * verify: shared by install, upgrade, rollback and start. Start skips the one-off setup steps,
 * whose work is on the store's volumes already.
 */
export async function waitAndVerify(
  ctx: OpContext,
  status: WorkStatus,
  o: { setup: boolean } = { setup: true },
): Promise<void> {
  for (const r of ctx.driver.readiness(ctx.ref)) {
    if (r.setup && !o.setup) continue;
    await runStep(
      ctx,
      status,
      r.step,
      async (progress) => {
        for (const w of r.wait) await waitForWorkload(ctx, w, waitOptions(ctx, progress));
        return r.done;
      },
      r.started,
    );
  }
  const names = ctx.driver.workloads(ctx.ref);
  await runStep(
    ctx,
    status,
    'verify',
    async () => {
      const result = await ctx.driver.verify(
        {
          url: ctx.store.url,
          kube: ctx.target,
          namespace: ctx.store.namespace,
          service: names.service,
          servicePort: names.servicePort,
          signal: ctx.signal,
          timeoutMs: ctx.timeouts.verifyMs,
          ...tlsNames(ctx),
        },
        verifyContext(ctx),
      );
      keepLearned(ctx, result.learned);
      return result.message;
    },
    ctx.driver.verifyStarted,
  );
}

/** What a verify learned that the store keeps (only the publishable key, which is public). */
function keepLearned(ctx: OpContext, learned: Record<string, string> | undefined): void {
  const publishableKey = learned?.['publishableKey'];
  if (publishableKey === undefined || ctx.settings.get().publishableKey === publishableKey) return;
  ctx.settings.set(changedSettings(ctx.settings.get(), { publishableKey }));
}
