import type { StorefrontTarget } from '../driver';
import { TLS_CERTIFICATE_CODES } from './http-exchange';
import { ingressTransport } from './ingress-transport';
import { portForwardTransport } from './port-forward-transport';
import { StorefrontError } from './storefront-error';
import type { StorefrontTransport } from './storefront-transport';

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

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Says which certificate is not valid yet, once retrying until the deadline did not help. */
export function explainTls(error: unknown, target: StorefrontTarget): unknown {
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
 * Runs `attempt` against the store at its public URL, or, when nothing answers there (no such
 * host, connection refused), through a port-forward to its Service's pod over the API server
 * (it works whichever node the pod runs on, under the store's NetworkPolicy). A failure through
 * the port-forward says why the URL was not used.
 */
export async function throughStoreAddress<T>(
  target: StorefrontTarget,
  attempt: (transport: StorefrontTransport) => Promise<T>,
  o: { timeoutMs: number },
): Promise<T> {
  try {
    return await attempt(ingressTransport(target.url, { timeoutMs: o.timeoutMs }));
  } catch (error) {
    if (!unreachable(error)) throw explainTls(error, target);
    const viaIngress = error.message;
    try {
      const proxy = portForwardTransport(
        target.kube,
        target.namespace,
        target.service,
        target.servicePort,
        { storeUrl: target.url, timeoutMs: o.timeoutMs },
      );
      return await attempt(proxy);
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
