import { setTimeout as sleep } from 'node:timers/promises';
import type { StorefrontTarget } from '../driver';
import { TLS_CERTIFICATE_CODES } from '../http/http-exchange';
import { throughStoreAddress } from '../http/reach-store';
import { StorefrontError } from '../http/storefront-error';
import type { StorefrontTransport } from '../http/storefront-transport';
import { DEFAULT_KEY_TITLE } from './admin-api-key';
import { MedusaHttp } from './store-api-http';
import { placeMedusaOrder, type CartCheckpoint, type PlacedMedusaOrder } from './store-api-order';

export const DEFAULT_PRODUCT_HANDLE = 'storefleet-demo';
/** Budget for the whole check, retries included, unless the target sets one. */
export const DEFAULT_VERIFY_TIMEOUT_MS = 90_000;
const MAX_REQUEST_MS = 30_000;
const RETRY_EVERY_MS = 1_000;

export interface MedusaVerifyTarget extends StorefrontTarget {
  /** the admin login from the store's Secret; never in a message or a log */
  admin: { email: string; password: string };
  /** where the cart being completed is kept; an in-memory one when absent */
  checkpoint?: CartCheckpoint;
}

export type MedusaVerifyResult = PlacedMedusaOrder;

const WARMING_STAGES = new Set(['sign-in', 'api-key', 'region', 'product']);

/**
 * Right after Medusa turns Ready the way in may not be: a fresh k3d load balancer drops
 * connections until Traefik serves, the ingress may not route the host yet (a bare 404) or see
 * no endpoints (502/503/504), and a cert-manager certificate may not be issued yet. Retried only
 * before the attempt touched a cart.
 */
function warmingUp(error: unknown, cartTouched: boolean): boolean {
  if (cartTouched || !(error instanceof StorefrontError)) return false;
  if (error.stage === 'connect') {
    const code = error.code ?? '';
    return (
      code === 'ServiceUnavailable' || code === 'ECONNRESET' || TLS_CERTIFICATE_CODES.has(code)
    );
  }
  // instanceof leaves the stage list open (any); every stage is a string.
  if (!WARMING_STAGES.has((error as StorefrontError).stage)) return false;
  if (error.status === 404) return error.code === null;
  return error.status === 502 || error.status === 503 || error.status === 504;
}

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
  const attempt = async (transport: StorefrontTransport): Promise<MedusaVerifyResult> => {
    for (;;) {
      let cartTouched = false;
      const http = new MedusaHttp(transport, target.signal, [target.admin.password]);
      try {
        return await placeMedusaOrder(http, {
          admin: target.admin,
          productHandle: opts.productHandle ?? DEFAULT_PRODUCT_HANDLE,
          keyTitle: opts.keyTitle ?? DEFAULT_KEY_TITLE,
          checkpoint,
          onCart: () => {
            cartTouched = true;
          },
        });
      } catch (error) {
        if (!warmingUp(error, cartTouched) || Date.now() + RETRY_EVERY_MS >= deadline) throw error;
        await sleep(RETRY_EVERY_MS, undefined, { signal: target.signal });
      }
    }
  };
  return throughStoreAddress(target, attempt, { timeoutMs: Math.min(budget, MAX_REQUEST_MS) });
}
