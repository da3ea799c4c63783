import type { StorefrontTarget, VerifyResult } from '../types';
import { ingressTransport } from './ingress-transport';
import { serviceProxyTransport } from './service-proxy-transport';
import { placeCodOrder } from './store-api-client';
import { StorefrontError } from './storefront-error';
import { DEFAULT_TIMEOUT_MS } from './storefront-transport';

export const DEFAULT_DEMO_SKU = 'storefleet-demo';

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
 * Proves a store sells: places one Cash-on-Delivery order through its public URL, or through
 * the API server's service proxy when that URL cannot be reached from this machine.
 */
export async function verifyStorefront(
  target: StorefrontTarget,
  o: { sku?: string } = {},
): Promise<VerifyResult> {
  const sku = o.sku ?? DEFAULT_DEMO_SKU;
  const timeoutMs = target.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signal = target.signal;
  try {
    const order = await placeCodOrder(ingressTransport(target.url, { timeoutMs }), { sku, signal });
    return { orderId: order.orderId, status: order.status };
  } catch (error) {
    if (!unreachable(error)) throw error;
    const viaIngress = error.message;
    try {
      const proxy = serviceProxyTransport(
        target.kube,
        target.namespace,
        target.service,
        target.servicePort,
        { timeoutMs },
      );
      const order = await placeCodOrder(proxy, { sku, signal });
      return { orderId: order.orderId, status: order.status };
    } catch (proxyError) {
      if (!(proxyError instanceof StorefrontError)) throw proxyError;
      throw new StorefrontError(
        proxyError.stage,
        `${proxyError.message}. (Tried through the cluster's service proxy because ${lowerFirst(viaIngress)}.)`,
        { status: proxyError.status, code: proxyError.code, cause: proxyError },
      );
    }
  }
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
