import { join } from 'node:path';
import type { VerifyContext } from '../store-kinds/driver';
import { readStoreSecretData } from './credentials';
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

const CART_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * What a verify may ask of the engine: the store's secrets and admin login from its Secret
 * (handed to the redactor first), and a checkpoint kept in the store's settings for the cart it
 * is completing, so a verify resumed after a crash completes that cart instead of a second one.
 */
export function verifyContext(ctx: OpContext): VerifyContext {
  return {
    async readSecrets() {
      const data = await readStoreSecretData(ctx.cluster, ctx.driver, ctx.ref, ctx.redactor);
      if (!data) {
        const secret = ctx.driver.workloads(ctx.ref).credentialsSecret;
        throw new Error(
          `The store's credentials Secret ${secret} is missing from namespace ${ctx.store.namespace}.`,
        );
      }
      const secrets = ctx.driver.secretsFromSecretData(data);
      const { username, password } = ctx.driver.credentialsFromSecretData(data, ctx.store.adminUrl);
      return { secrets, login: { username, password } };
    },
    checkpoint: {
      get: () => ctx.settings.get().verifyCartId,
      set: (cartId) => {
        if (cartId !== undefined && !CART_ID.test(cartId)) {
          throw new Error('The store answered a cart id that cannot be kept for a later retry.');
        }
        ctx.settings.set(changedSettings(ctx.settings.get(), { verifyCartId: cartId }));
      },
    },
  };
}
