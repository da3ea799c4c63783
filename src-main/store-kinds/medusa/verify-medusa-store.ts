import type { StorefrontTarget } from '../driver';
import { throughStoreAddress } from '../http/reach-store';
import type { StorefrontTransport } from '../http/storefront-transport';
import { retryWhileWarmingUp } from '../http/warm-up-retry';
import { DEFAULT_KEY_TITLE } from './admin-api-key';
import { MedusaHttp } from './store-api-http';
import { placeMedusaOrder, type CartCheckpoint, type PlacedMedusaOrder } from './store-api-order';

export const DEFAULT_PRODUCT_HANDLE = 'storefleet-demo';
/** Budget for the whole check, retries included, unless the target sets one. */
export const DEFAULT_VERIFY_TIMEOUT_MS = 90_000;
const MAX_REQUEST_MS = 30_000;

export interface MedusaVerifyTarget extends StorefrontTarget {
  /** the admin login from the store's Secret; never in a message or a log */
  admin: { email: string; password: string };
  /** where the cart being completed is kept; an in-memory one when absent */
  checkpoint?: CartCheckpoint;
}

export type MedusaVerifyResult = PlacedMedusaOrder;

// The steps before any cart: a failure there that only means "the way in is not ready" is retried.
const BEFORE_CART = new Set(['sign-in', 'api-key', 'region', 'product']);

function memoryCheckpoint(): CartCheckpoint {
  let kept: string | undefined;
  return {
    get: () => kept,
    set: (id) => {
      kept = id;
    },
  };
}

/**
 * Proves a Medusa store sells: signs in to its admin API, takes the publishable key titled
 * "Storefleet Storefront", and places one order for the demo product through the Store API,
 * paid with the system provider. Reaches the store at its URL, or through a port-forward to
 * its Service when that URL cannot be reached. `target.timeoutMs` bounds the whole check.
 */
export async function verifyMedusaStore(
  target: MedusaVerifyTarget,
  opts: { productHandle?: string; keyTitle?: string } = {},
): Promise<MedusaVerifyResult> {
  const budget = target.timeoutMs ?? DEFAULT_VERIFY_TIMEOUT_MS;
  const deadline = Date.now() + budget;
  const checkpoint = target.checkpoint ?? memoryCheckpoint();
  const attempt = (transport: StorefrontTransport): Promise<MedusaVerifyResult> =>
    retryWhileWarmingUp(
      (committed) =>
        placeMedusaOrder(new MedusaHttp(transport, target.signal, [target.admin.password]), {
          admin: target.admin,
          productHandle: opts.productHandle ?? DEFAULT_PRODUCT_HANDLE,
          keyTitle: opts.keyTitle ?? DEFAULT_KEY_TITLE,
          checkpoint,
          onCart: committed,
        }),
      { stages: BEFORE_CART, deadline, signal: target.signal },
    );
  return throughStoreAddress(target, attempt, { timeoutMs: Math.min(budget, MAX_REQUEST_MS) });
}
