import type {
  ClientRequest,
  IncomingHttpHeaders,
  IncomingMessage,
  RequestOptions,
} from 'node:http';
import { StorefrontError } from './storefront-error';
import { MAX_RESPONSE_BYTES } from './storefront-transport';

export interface Exchange {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const SOCKET_REASONS: Record<string, string> = {
  ENOTFOUND: 'the host name does not resolve',
  EAI_AGAIN: 'the host name could not be resolved right now',
  ECONNREFUSED: 'nothing is listening there (connection refused)',
  // Node's "socket hang up" carries this code too: the peer accepted, then closed without answering.
  ECONNRESET: 'the connection was closed before an answer came',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  timeout: 'no answer in time',
};

/** Node's codes for a server certificate that does not verify (OpenSSL's, plus the name check). */
export const TLS_CERTIFICATE_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'INVALID_CA',
]);

function reasonFor(error: unknown, code: string): string {
  if (TLS_CERTIFICATE_CODES.has(code)) {
    const detail = error instanceof Error ? error.message.slice(0, 200) : code;
    return `its TLS certificate is not valid (${detail}; ${code})`;
  }
  return SOCKET_REASONS[code] ?? `the connection failed (${code})`;
}

function flatHeaders(raw: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') {
    return error.code === 'EAI_AGAIN' ? 'ENOTFOUND' : error.code;
  }
  return 'ECONNECT';
}

/**
 * Runs one request built by `start` and collects the answer. Socket failures and the
 * deadline become StorefrontError stage 'connect'; cancellation rejects with the signal's reason.
 */
export function exchange(
  start: (onResponse: (res: IncomingMessage) => void) => ClientRequest,
  o: { where: string; body?: string; timeoutMs: number; signal?: AbortSignal },
): Promise<Exchange> {
  return new Promise<Exchange>((resolve, reject) => {
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
      fn();
    };
    const fail = (error: unknown, code: string): void => {
      const reason = reasonFor(error, code);
      finish(() =>
        reject(
          new StorefrontError('connect', `Could not reach the store at ${o.where}: ${reason}`, {
            code,
            cause: error,
          }),
        ),
      );
    };
    const req = start((res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_RESPONSE_BYTES) {
          req.destroy();
          fail(new Error('answer too large'), 'too-large');
          return;
        }
        chunks.push(chunk);
      });
      res.on('end', () =>
        finish(() =>
          resolve({
            status: res.statusCode ?? 0,
            headers: flatHeaders(res.headers),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        ),
      );
      res.on('error', (error) => fail(error, errorCode(error)));
    });
    const onAbort = (): void => {
      req.destroy();
      const reason: unknown = o.signal?.reason;
      finish(() =>
        reject(reason instanceof Error ? reason : new Error('the storefront check was cancelled')),
      );
    };
    const timer = setTimeout(() => {
      req.destroy();
      fail(new Error('timed out'), 'timeout');
    }, o.timeoutMs);
    if (o.signal?.aborted) {
      onAbort();
      return;
    }
    o.signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error) => fail(error, errorCode(error)));
    req.end(o.body);
  });
}

export function requestHeaders(
  headers: Record<string, string>,
  body: string | undefined,
): RequestOptions['headers'] {
  const out: Record<string, string | number> = { ...headers };
  if (body !== undefined) out['Content-Length'] = Buffer.byteLength(body);
  return out;
}
