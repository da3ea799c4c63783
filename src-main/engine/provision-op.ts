import { access } from 'node:fs/promises';
import {
  MANAGED_BY_LABEL,
  MANAGED_BY_VALUE,
  STORE_ID_LABEL,
  STORE_KIND_LABEL,
  STORE_NAME_LABEL,
} from '../kube/labels';
import type { Store } from '../../src-shared/types/store-types';
import type { OpContext } from './op-context';
import { prepareStore } from './prepare-step';
import { installRelease } from './release';
import { runStep } from './step-runner';
import { waitAndVerify } from './workload-steps';

/** Labels every store namespace carries: ownership for rediscovery, Pod Security for safety. */
export function namespaceLabels(store: Store): Record<string, string> {
  return {
    [MANAGED_BY_LABEL]: MANAGED_BY_VALUE,
    [STORE_ID_LABEL]: store.id,
    [STORE_NAME_LABEL]: store.name,
    [STORE_KIND_LABEL]: store.kind,
    'pod-security.kubernetes.io/enforce': 'baseline',
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/audit': 'restricted',
  };
}

export const helmMayHaveRun = (step: Store['step']): boolean =>
  step !== null && step !== 'validate' && step !== 'image' && step !== 'namespace';

/**
 * validate → (the kind's image step) → namespace → helm → waits → verify → Ready; every step
 * safe to re-run.
 */
export async function provisionStore(ctx: OpContext): Promise<void> {
  // The step a resumed run had reached: before helm, no release of this store can exist.
  const firstInstall = ctx.store.helmRevision === null && !helmMayHaveRun(ctx.store.step);
  await runStep(ctx, 'Provisioning', 'validate', async () => {
    if (!ctx.driver.available) {
      throw new Error(`${ctx.driver.displayName} stores cannot be created from this installation.`);
    }
    await access(ctx.driver.chartPath).catch(() => {
      throw new Error(`The ${ctx.driver.displayName} chart is missing at ${ctx.driver.chartPath}.`);
    });
    return `${ctx.driver.displayName} store "${ctx.store.name}" in context ${ctx.store.context}`;
  });
  await prepareStore(ctx, 'Provisioning');
  await runStep(ctx, 'Provisioning', 'namespace', async () => {
    const outcome = await ctx.cluster.ensureNamespace(
      ctx.store.namespace,
      namespaceLabels(ctx.store),
    );
    return outcome === 'created'
      ? `Namespace ${ctx.store.namespace} created`
      : `Namespace ${ctx.store.namespace} already exists and belongs to this store`;
  });
  await runStep(ctx, 'Provisioning', 'helm', async () => {
    const revision = await installRelease(ctx, ctx.settings.get(), { firstInstall });
    ctx.store = ctx.events.update(ctx.store.id, { helmRevision: revision });
    return `Release ${ctx.driver.releaseName(ctx.ref)} installed (revision ${revision})`;
  });
  await waitAndVerify(ctx, 'Provisioning');
  await runStep(ctx, 'Provisioning', 'ready', () => Promise.resolve(`Open ${ctx.store.url}`));
}
