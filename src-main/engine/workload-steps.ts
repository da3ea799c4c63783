import { runStep } from './step-runner';
import type { OpContext, WorkStatus } from './op-context';

/** wait-mariadb → wait-wordpress → bootstrap → verify: shared by install, upgrade and rollback. */
export async function waitAndVerify(ctx: OpContext, status: WorkStatus): Promise<void> {
  const ns = ctx.store.namespace;
  const names = ctx.driver.workloads(ctx.ref);
  const wait = (progress: (m: string) => void) => ({
    timeoutMs: ctx.timeouts.waitMs,
    signal: ctx.signal,
    onProgress: progress,
    redact: ctx.redactor.known(ctx.store.id),
  });

  await runStep(ctx, status, 'wait-mariadb', async (progress) => {
    for (const name of names.statefulSets) {
      await ctx.cluster.waitForStatefulSetReady(ns, name, wait(progress));
    }
    return `MariaDB is ready (${names.statefulSets.join(', ')})`;
  });
  await runStep(ctx, status, 'wait-wordpress', async (progress) => {
    for (const name of names.deployments) {
      await ctx.cluster.waitForDeploymentReady(ns, name, wait(progress));
    }
    return `WordPress is ready (${names.deployments.join(', ')})`;
  });
  await runStep(ctx, status, 'bootstrap', async (progress) => {
    await ctx.cluster.waitForJobComplete(ns, names.bootstrapJob, wait(progress));
    return 'WooCommerce, the demo product and Cash on Delivery are set up';
  });
  await runStep(ctx, status, 'verify', async () => {
    const result = await ctx.driver.verify({
      url: ctx.store.url,
      kube: ctx.target,
      namespace: ns,
      service: names.service,
      servicePort: names.servicePort,
      signal: ctx.signal,
      timeoutMs: ctx.timeouts.verifyMs,
    });
    return `Order #${result.orderId} placed with Cash on Delivery (${result.status})`;
  });
}
