import { setTimeout as sleep } from 'node:timers/promises';
import type { StorefrontTarget } from '../driver';

/** The order a storefront check placed. */
export interface PlacedCodOrder {
  orderId: number;
  status: string;
}
import { TLS_CERTIFICATE_CODES } from '../http/http-exchange';
import { ingressTransport } from '../http/ingress-transport';
import { portForwardTransport } from '../http/port-forward-transport';
import { placeCodOrder } from './store-api-client';
import { StorefrontError } from '../http/storefront-error';
import type { StorefrontTransport } from '../http/storefront-transport';

export const DEFAULT_DEMO_SKU = 'storefleet-demo';
/** Budget for the whole check, retries included, unless the target sets one. */
export const DEFAULT_VERIFY_TIMEOUT_MS = 60_000;
const MAX_REQUEST_MS = 30_000;
const RETRY_EVERY_MS = 1_000;

// Only "no route to the ingress at all" justifies going around it; any answer from the ingress,
// even an error, is the store speaking and must be reported as is.
const UNREACHABLE = new Set(['ENOTFOUND', 'ECONNREFUSED']);

function unreachable(error: unknown): error is StorefrontError {
  return (
    error instanceof StorefrontError &&
    error.stage === 'connect' &&
    UNREACHABLE.has(error.code ?? '')
  );
}

/**
 * Right after WordPress turns Ready, the way in may not be ready yet: a fresh k3d load balancer
 * accepts connections and closes them (ECONNRESET, "socket hang up") until Traefik serves; the
 * ingress may not route the host yet (a bare 404) or see no endpoints (502/503/504); and with
 * cert-manager the certificate is Traefik's self-signed default until the real one is issued.
 * These are retried only while nothing has been put in a cart, so a retry can never place a
 * second order.
 */
function warmingUp(error: unknown, itemSent: boolean): boolean {
  if (itemSent || !(error instanceof StorefrontError)) return false;
  if (error.stage === 'connect') {
    const code = error.code ?? '';
    return (
      code === 'ServiceUnavailable' || code === 'ECONNRESET' || TLS_CERTIFICATE_CODES.has(code)
    );
  }
  if (error.stage !== 'products' && error.stage !== 'cart' && error.stage !== 'product-page') {
    return false;
  }
  if (error.status === 404) return error.code === null && error.stage !== 'product-page';
  return error.status === 502 || error.status === 503 || error.status === 504;
}

async function placeWithRetries(
  transport: StorefrontTransport,
  o: { sku: string; signal?: AbortSignal; deadline: number },
): Promise<PlacedCodOrder> {
  for (;;) {
    let itemSent = false;
    try {
      const order = await placeCodOrder(transport, {
        sku: o.sku,
        signal: o.signal,
        onItemSent: () => {
          itemSent = true;
        },
      });
      return { orderId: order.orderId, status: order.status };
    } catch (error) {
      if (!warmingUp(error, itemSent) || Date.now() + RETRY_EVERY_MS >= o.deadline) throw error;
      await sleep(RETRY_EVERY_MS, undefined, { signal: o.signal });
    }
  }
}

/** Says which certificate is not valid yet, once retrying until the deadline did not help. */
function explainTls(error: unknown, target: StorefrontTarget): unknown {
  if (!(error instanceof StorefrontError) || error.stage !== 'connect') return error;
  if (!TLS_CERTIFICATE_CODES.has(error.code ?? '')) return error;
  const host = new URL(target.url).hostname;
  const certificate = target.tlsCertificate
    ? `Certificate ${target.tlsCertificate} in namespace ${target.namespace}`
    : `the Certificate of the store's Ingress in namespace ${target.namespace}`;
  const issuer = target.tlsClusterIssuer ? `, ClusterIssuer ${target.tlsClusterIssuer}` : '';
  const cause = error.cause instanceof Error ? error.cause.message.slice(0, 120) : error.code;
  return new StorefrontError(
    'connect',
    `The TLS certificate for ${host} is not valid yet (${cause}; ${error.code}): cert-manager may still be issuing it (${certificate}${issuer}); \`kubectl describe certificate -n ${target.namespace}\` shows its progress`,
    { code: error.code, cause: error },
  );
}

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
  const timeoutMs = Math.min(budget, MAX_REQUEST_MS);
  const signal = target.signal;
  try {
    return await placeWithRetries(ingressTransport(target.url, { timeoutMs }), {
      sku,
      signal,
      deadline,
    });
  } catch (error) {
    if (!unreachable(error)) throw explainTls(error, target);
    const viaIngress = error.message;
    try {
      const proxy = portForwardTransport(
        target.kube,
        target.namespace,
        target.service,
        target.servicePort,
        { storeUrl: target.url, timeoutMs },
      );
      return await placeWithRetries(proxy, { sku, signal, deadline });
    } catch (proxyError) {
      if (!(proxyError instanceof StorefrontError)) throw proxyError;
      throw new StorefrontError(
        proxyError.stage,
        `${proxyError.message}. (Tried through a port-forward to the store's pod because ${lowerFirst(viaIngress)}.)`,
        { status: proxyError.status, code: proxyError.code, cause: proxyError },
      );
    }
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
