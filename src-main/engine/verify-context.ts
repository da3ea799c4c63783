import type { VerifyContext } from '../store-kinds/driver';
import { readStoreSecretData } from './credentials';
import type { OpContext } from './op-context';
import { changedSettings } from './store-settings';

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
