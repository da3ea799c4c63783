import { join } from 'node:path';
import { throwIfAborted, type OpContext, type WorkStatus } from './op-context';
import { runStep } from './step-runner';
import { changedSettings } from './store-settings';
import { deepMerge, readValuesFile } from './values-file';

/**
 * The kind's preparation as the `image` step (Medusa: its image built and imported into a k3d
 * cluster), before anything of the store is created or changed in the cluster. What it returns
 * is kept in the store's settings, so every later Helm run of the store uses it. Kinds without
 * a preparation skip the step.
 */
export async function prepareStore(ctx: OpContext, status: WorkStatus): Promise<void> {
  const prepare = ctx.driver.prepare?.bind(ctx.driver);
  if (!prepare) return;
  await runStep(ctx, status, 'image', async (progress) => {
    const chartValues = readValuesFile(join(ctx.driver.chartPath, 'values.yaml'));
    const fileValues = deepMerge(chartValues, readValuesFile(ctx.valuesFile));
    const values = ctx.overrideValues ? deepMerge(fileValues, ctx.overrideValues) : fileValues;
    const result = await prepare({
      store: ctx.ref,
      kube: ctx.target,
      values,
      signal: ctx.signal,
      progress,
    });
    throwIfAborted(ctx.signal);
    if (Object.keys(result.settings).length > 0) {
      ctx.settings.set(changedSettings(ctx.settings.get(), result.settings));
    }
    return result.message;
  });
}
