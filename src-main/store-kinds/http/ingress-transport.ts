import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { exchange, requestHeaders } from './http-exchange';
import { StorefrontError } from './storefront-error';
import { DEFAULT_TIMEOUT_MS, type StorefrontTransport } from './storefront-transport';

function isLoopbackName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}

/**
 * Browsers send every `*.localhost` name to the loopback interface (RFC 6761), which is how a
 * store's URL works on a laptop without any DNS set-up; many OS resolvers do not, so do it here.
 */
export const localhostAwareLookup: LookupFunction = (hostname, options, callback) => {
  if (!isLoopbackName(hostname)) {
    dnsLookup(hostname, options, callback);
    return;
  }
  if (options.all) {
    const all: LookupAddress[] = [{ address: '127.0.0.1', family: 4 }];
    callback(null, all);
  } else {
    callback(null, '127.0.0.1', 4);
  }
};

/** Reaches a store the way a shopper does: its public URL, through the cluster's ingress. */
export function ingressTransport(
  baseUrl: string,
  o: { timeoutMs?: number } = {},
): StorefrontTransport {
  const base = new URL(baseUrl);
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new Error(`a store URL must start with http:// or https://, not ${base.protocol}`);
  }
  const client = base.protocol === 'https:' ? https : http;
  const timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const prefix = base.pathname.replace(/\/+$/, '');
  return async (req) => {
    if (!req.path.startsWith('/')) {
      throw new StorefrontError('connect', `request path must start with "/": ${req.path}`);
    }
    return exchange(
      (onResponse) =>
        client.request(
          {
            protocol: base.protocol,
            hostname: base.hostname.replace(/^\[|\]$/g, ''),
            port: base.port || undefined,
            method: req.method,
            path: `${prefix}${req.path}`,
            headers: requestHeaders(req.headers, req.body),
            lookup: localhostAwareLookup,
            agent: false,
          },
          onResponse,
        ),
      { where: base.origin, body: req.body, timeoutMs, signal: req.signal },
    );
  };
}
