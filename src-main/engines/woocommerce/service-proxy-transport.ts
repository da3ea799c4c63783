import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { z } from 'zod';
import { KubeconfigReadError, loadKubeconfigFiles, missingEntry } from '../../kube/client';
import { describeKubeconfig } from '../../kube/kube-target';
import type { KubeTarget } from '../../kube/kube-target';
import { plainText } from './html-text';
import { exchange, requestHeaders, type Exchange } from './http-exchange';
import { StorefrontError } from './storefront-error';
import { DEFAULT_TIMEOUT_MS, type StorefrontTransport } from './storefront-transport';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

// An answer from the API server itself (not from the store behind it) is a v1 Status object.
const apiStatusSchema = z.looseObject({
  kind: z.literal('Status'),
  status: z.literal('Failure'),
  message: z.string().optional(),
  reason: z.string().optional(),
  code: z.number().int().optional(),
});

function loadKubeConfig(kube: KubeTarget): KubeConfig {
  let kc: KubeConfig;
  try {
    kc = loadKubeconfigFiles(kube);
  } catch (error) {
    if (!(error instanceof KubeconfigReadError)) throw error;
    throw new StorefrontError(
      'connect',
      `Could not read the kubeconfig ${error.file}: ${error.reason}`,
      { code: 'kubeconfig', cause: error },
    );
  }
  if (!kc.getContextObject(kube.context)) {
    throw new StorefrontError(
      'connect',
      `The kubeconfig ${describeKubeconfig(kube)} has no context named "${kube.context}"`,
      { code: 'kubeconfig' },
    );
  }
  const missing = missingEntry(kc, kube.context);
  if (missing) throw new StorefrontError('connect', missing, { code: 'kubeconfig' });
  kc.setCurrentContext(kube.context);
  return kc;
}

function apiServerRefusal(answer: Exchange, target: string): StorefrontError | null {
  if (answer.status < 400) return null;
  let json: unknown;
  try {
    json = JSON.parse(answer.body);
  } catch {
    return null;
  }
  const parsed = apiStatusSchema.safeParse(json);
  if (!parsed.success) return null;
  const reason = parsed.data.reason ?? null;
  const said = plainText(parsed.data.message ?? `HTTP ${answer.status}`);
  return new StorefrontError(
    'connect',
    `The cluster could not pass the request on to ${target}: ${said}${reason ? ` (${reason})` : ''}`,
    { status: answer.status, code: reason },
  );
}

/**
 * Reaches a store's Service through the Kubernetes API server's service proxy, for clusters
 * whose ingress is not reachable from this machine. Answers from the store pass through
 * unchanged; failures of the API server or proxy become StorefrontError stage 'connect'.
 */
export function serviceProxyTransport(
  kube: KubeTarget,
  namespace: string,
  service: string,
  port: string,
  o: { timeoutMs?: number } = {},
): StorefrontTransport {
  for (const [what, value] of [
    ['namespace', namespace],
    ['service', service],
  ] as const) {
    if (!DNS_LABEL.test(value)) throw new Error(`${what} "${value}" is not a valid DNS-1123 label`);
  }
  if (!/^([a-z0-9-]{1,15}|\d{1,5})$/.test(port)) {
    throw new Error(`service port "${port}" is neither a port name nor a number`);
  }
  const kc = loadKubeConfig(kube);
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new StorefrontError('connect', `The context "${kube.context}" names no cluster`, {
      code: 'kubeconfig',
    });
  }
  const server = new URL(cluster.server);
  const client = server.protocol === 'http:' ? http : https;
  const prefix = `${server.pathname.replace(/\/+$/, '')}/api/v1/namespaces/${namespace}/services/${service}:${port}/proxy`;
  const target = `service ${namespace}/${service}:${port}`;
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return async (req) => {
    if (!req.path.startsWith('/')) {
      throw new StorefrontError('connect', `request path must start with "/": ${req.path}`);
    }
    const opts: https.RequestOptions = {};
    await kc.applyToHTTPSOptions(opts);
    const headers = { ...(opts.headers as Record<string, string> | undefined), ...req.headers };
    const answer = await exchange(
      (onResponse) =>
        client.request(
          {
            ...opts,
            protocol: server.protocol,
            hostname: server.hostname.replace(/^\[|\]$/g, ''),
            port: server.port || undefined,
            method: req.method,
            path: `${prefix}${req.path}`,
            headers: requestHeaders(headers, req.body),
          },
          onResponse,
        ),
      { where: `${server.origin} (${target})`, body: req.body, timeoutMs, signal: req.signal },
    );
    const refusal = apiServerRefusal(answer, target);
    if (refusal) throw refusal;
    return answer;
  };
}
