// One verification order through Medusa's Store API, resumable: the cart id is kept in a
// checkpoint from its creation until the order exists, so a verify that stopped half-way
// completes the same cart instead of placing a second order.
import { findPublishableKey, signIn } from './admin-api-key';
import type { MedusaHttp } from './store-api-http';
import {
  completeCart,
  createCart,
  prepareCheckout,
  readCart,
  type MedusaOrder,
} from './store-api-checkout';
import { findDemoProduct, findRegion } from './store-api-product';

export interface CartCheckpoint {
  get(): string | undefined;
  set(cartId: string | undefined): void;
}

export interface PlacedMedusaOrder extends MedusaOrder {
  publishableKey: string;
}

export async function placeMedusaOrder(
  http: MedusaHttp,
  o: {
    admin: { email: string; password: string };
    productHandle: string;
    keyTitle: string;
    checkpoint: CartCheckpoint;
    /** called when the attempt first reads or makes a cart; from then on it is not repeated blindly */
    onCart?: () => void;
  },
): Promise<PlacedMedusaOrder> {
  const token = await signIn(http, o.admin);
  const key = await findPublishableKey(http, token, o.keyTitle);
  const finish = async (cartId: string): Promise<PlacedMedusaOrder> => {
    const order = await completeCart(http, key, cartId);
    o.checkpoint.set(undefined);
    return { ...order, publishableKey: key };
  };

  const kept = o.checkpoint.get();
  if (kept !== undefined) {
    o.onCart?.();
    const state = await readCart(http, key, kept);
    // Completing a completed cart answers with the order it became.
    if (state === 'completed') return finish(kept);
    if (state === 'open') {
      const region = await findRegion(http, key);
      await prepareCheckout(http, key, { cartId: kept, region });
      return finish(kept);
    }
    o.checkpoint.set(undefined);
  }

  const region = await findRegion(http, key);
  const product = await findDemoProduct(http, key, {
    handle: o.productHandle,
    regionId: region.id,
  });
  http.signal?.throwIfAborted();
  o.onCart?.();
  const cartId = await createCart(http, key, { regionId: region.id, variantId: product.variantId });
  o.checkpoint.set(cartId);
  await prepareCheckout(http, key, { cartId, region });
  return finish(cartId);
}
