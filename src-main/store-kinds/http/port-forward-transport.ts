import http from 'node:http';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { isDnsLabel } from '../../../src-shared/rules/dns-label';
import { cancellableConfiguration, statusBody, statusCode } from '../../kube/client';
import type { KubeTarget } from '../../kube/kube-target';
import { plainText } from './html-text';
import { exchange, requestHeaders } from './http-exchange';
import {
  findServicePort,
  pickForwardTarget,
  podSelector,
  type ForwardTarget,
} from './port-forward-target';
import { openTunnel } from './port-forward-tunnel';
import { StorefrontError } from './storefront-error';
import { loadStorefrontKubeConfig } from './storefront-kubeconfig';
import { DEFAULT_TIMEOUT_MS, type StorefrontTransport } from './storefront-transport';

function cancelled(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('the storefront check was cancelled');
}

/** A CoreV1Api whose every request is cancelled by `signal`. */
function coreApi(kc: KubeConfig, signal: AbortSignal): CoreV1Api {
  return new CoreV1Api(cancellableConfiguration(kc, signal));
}

/** A failed lookup as a StorefrontError; cancellation and the deadline win over what they caused. */
function lookupError(
  error: unknown,
  o: { what: string; server: string; signal?: AbortSignal; deadline: AbortSignal },
): Error {
  if (o.signal?.aborted) return cancelled(o.signal);
  if (error instanceof StorefrontError) return error;
  if (o.deadline.aborted) {
    return new StorefrontError(
      'connect',
      `Could not look up the ${o.what} at ${o.server}: no answer in time`,
      { code: 'timeout', cause: error },
    );
  }
  const status = statusCode(error);
  if (status !== undefined) {
    const body = statusBody(error);
    const said = plainText(body?.message ?? `HTTP ${status}`);
    const hint =
      status === 403
        ? ' (the kubeconfig user needs "get" on services and "list" on pods in that namespace)'
        : '';
    return new StorefrontError(
      'connect',
      `The cluster refused to look up the ${o.what}: ${said}${hint}`,
      { status, code: body?.reason ?? null, cause: error },
    );
  }
  const code =
    error && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
      ? error.code
      : 'ECONNECT';
  const said = error instanceof Error ? error.message : String(error);
  return new StorefrontError(
    'connect',
    `Could not reach the Kubernetes API server at ${o.server} to look up the ${o.what}: ${said}`,
    { code, cause: error },
  );
}

async function resolveTarget(
  kc: KubeConfig,
  o: { namespace: string; service: string; servicePort: string; what: string; signal: AbortSignal },
): Promise<ForwardTarget> {
  const core = coreApi(kc, o.signal);
  const service = await core.readNamespacedService({ name: o.service, namespace: o.namespace });
  const port = findServicePort(service, o.servicePort, o.what);
  const selector = podSelector(service, o.what);
  const pods = await core.listNamespacedPod({ namespace: o.namespace, labelSelector: selector });
  return pickForwardTarget(port, pods.items, { what: o.what, selector });
}

/**
 * Reaches a store's Service through a port-forward to one of its Ready pods, over the
 * Kubernetes API server, for clusters whose ingress is not reachable from this machine. Each
 * request looks the pod up again, opens a loopback listener for the forward, sends the request
 * with the store's public Host (WordPress redirects any other host to its site address) and
 * closes everything before it settles. Answers from the store pass through unchanged; a
 * failure to reach it is a StorefrontError stage 'connect'.
 */
export function portForwardTransport(
  kube: KubeTarget,
  namespace: string,
  service: string,
  servicePort: string,
  o: { storeUrl: string; timeoutMs?: number },
): StorefrontTransport {
  for (const [what, value] of [
    ['namespace', namespace],
    ['service', service],
  ] as const) {
    if (!isDnsLabel(value)) throw new Error(`${what} "${value}" is not a valid DNS-1123 label`);
  }
  if (!/^([a-z0-9-]{1,15}|\d{1,5})$/.test(servicePort)) {
    throw new Error(`service port "${servicePort}" is neither a port name nor a number`);
  }
  const base = new URL(o.storeUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error(`a store URL must start with http:// or https://, not ${base.protocol}`);
  }
  const kc = loadStorefrontKubeConfig(kube);
  const server = kc.getCurrentCluster()?.server ?? '';
  const what = `service ${namespace}/${service}`;
  const prefix = base.pathname.replace(/\/+$/, '');
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return async (req) => {
    if (!req.path.startsWith('/')) {
      throw new StorefrontError('connect', `request path must start with "/": ${req.path}`);
    }
    if (req.signal?.aborted) throw cancelled(req.signal);
    const started = Date.now();
    const deadline = AbortSignal.timeout(timeoutMs);
    const lookupSignal = req.signal ? AbortSignal.any([req.signal, deadline]) : deadline;
    let target: ForwardTarget;
    try {
      target = await resolveTarget(kc, {
        namespace,
        service,
        servicePort,
        what,
        signal: lookupSignal,
      });
    } catch (error) {
      throw lookupError(error, { what, server, signal: req.signal, deadline });
    }
    const tunnel = await openTunnel(kc, { namespace, pod: target.pod, port: target.port });
    try {
      return await exchange(
        (onResponse) =>
          http.request(
            {
              host: '127.0.0.1',
              port: tunnel.port,
              method: req.method,
              path: `${prefix}${req.path}`,
              // What the ingress would pass on: the public host and the scheme the shopper used.
              headers: requestHeaders(
                {
                  ...req.headers,
                  Host: base.host,
                  'X-Forwarded-Proto': base.protocol.replace(':', ''),
                },
                req.body,
              ),
              agent: false,
            },
            onResponse,
          ),
        {
          where: `pod ${namespace}/${target.pod} port ${target.port} (port-forward to ${what})`,
          body: req.body,
          timeoutMs: Math.max(1, timeoutMs - (Date.now() - started)),
          signal: req.signal,
        },
      );
    } catch (error) {
      const failure = tunnel.failure();
      if (!(error instanceof StorefrontError) || !failure) throw error;
      throw new StorefrontError('connect', failure.message, {
        status: failure.status,
        code: failure.code,
        cause: error,
      });
    } finally {
      await tunnel.close();
    }
  };
}
