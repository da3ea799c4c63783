import type { StorefrontTarget } from '../driver';
import { throughStoreAddress } from '../http/reach-store';
import type { StorefrontTransport } from '../http/storefront-transport';
import { retryWhileWarmingUp } from '../http/warm-up-retry';
import { placeCodOrder } from './store-api-client';

/** The order a storefront check placed. */
export interface PlacedCodOrder {
  orderId: number;
  status: string;
}

export const DEFAULT_DEMO_SKU = 'storefleet-demo';
/** Budget for the whole check, retries included, unless the target sets one. */
export const DEFAULT_VERIFY_TIMEOUT_MS = 60_000;
const MAX_REQUEST_MS = 30_000;

// While nothing has been put in a cart, these stages' failures may only mean that the way in is
// not ready yet; a bare 404 of the product page is the product's own, not the ingress's.
const WARMING = {
  stages: new Set(['products', 'cart', 'product-page']),
  bare404: new Set(['products', 'cart']),
};

/**
 * Proves a store sells: places one Cash-on-Delivery order through its public URL, or through
 * a port-forward to the store's pod through the API server when that URL cannot be reached
 * from this machine (it works whichever node the pod runs on, under the store's NetworkPolicy).
 * `target.timeoutMs` bounds the whole check.
 */
export async function verifyStorefront(
  target: StorefrontTarget,
  o: { sku?: string } = {},
): Promise<PlacedCodOrder> {
  const sku = o.sku ?? DEFAULT_DEMO_SKU;
  const budget = target.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const deadline = Date.now() + budget;
  const signal = target.signal;
  const attempt = (transport: StorefrontTransport): Promise<PlacedCodOrder> =>
    retryWhileWarmingUp(
      async (committed) => {
        const order = await placeCodOrder(transport, { sku, signal, onItemSent: committed });
        return { orderId: order.orderId, status: order.status };
      },
      { ...WARMING, deadline, signal },
    );
  return throughStoreAddress(target, attempt, { timeoutMs: Math.min(budget, MAX_REQUEST_MS) });
}
