import { join } from 'node:path';
import type { StorefrontTlsNames } from '../store-kinds/types';
import type { WaitOptions } from './cluster-port';
import { runStep } from './step-runner';
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

/** wait-mariadb → wait-wordpress → bootstrap → verify: shared by install, upgrade, rollback, start. */
export async function waitAndVerify(
  ctx: OpContext,
  status: WorkStatus,
  o: { bootstrap: boolean } = { bootstrap: true },
): Promise<void> {
  const ns = ctx.store.namespace;
  const names = ctx.driver.workloads(ctx.ref);

  await runStep(ctx, status, 'wait-mariadb', async (progress) => {
    for (const name of names.statefulSets) {
      await ctx.cluster.waitForStatefulSetReady(ns, name, waitOptions(ctx, progress));
    }
    return `MariaDB is ready (${names.statefulSets.join(', ')})`;
  });
  await runStep(ctx, status, 'wait-wordpress', async (progress) => {
    for (const name of names.deployments) {
      await ctx.cluster.waitForDeploymentReady(ns, name, waitOptions(ctx, progress));
    }
    return `WordPress is ready (${names.deployments.join(', ')})`;
  });
  if (o.bootstrap) {
    await runStep(ctx, status, 'bootstrap', async (progress) => {
      await ctx.cluster.waitForJobComplete(ns, names.bootstrapJob, waitOptions(ctx, progress));
      return 'WooCommerce, the demo product and Cash on Delivery are set up';
    });
  }
  await runStep(ctx, status, 'verify', async () => {
    const result = await ctx.driver.verify({
      url: ctx.store.url,
      kube: ctx.target,
      namespace: ns,
      service: names.service,
      servicePort: names.servicePort,
      signal: ctx.signal,
      timeoutMs: ctx.timeouts.verifyMs,
      ...tlsNames(ctx),
    });
    return `Order #${result.orderId} placed with Cash on Delivery (${result.status})`;
  });
}
