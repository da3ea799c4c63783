import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

/** Headers on every response: the page URL carries the token, so it must never leak as a Referer. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  };
}

/** Serves files under `root` only; anything that resolves outside it is a 404. */
export async function serveStatic(
  root: string,
  req: IncomingMessage,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return end(res, 405, headers, { Allow: 'GET, HEAD' });
  }
  const file = resolveUnder(root, new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
  const info = file ? await stat(file).catch(() => null) : null;
  if (!file || !info?.isFile()) return end(res, 404, headers);
  res.writeHead(200, {
    ...headers,
    'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file)
    .on('error', () => res.destroy())
    .pipe(res);
}

export function resolveUnder(root: string, pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded;
  const base = normalize(root.endsWith(sep) ? root : root + sep);
  const file = normalize(join(base, relative));
  return file.startsWith(base) ? file : null;
}

function end(
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, { ...headers, ...extra, 'Content-Type': 'text/plain; charset=utf-8' });
  res.end(status === 404 ? 'Not found\n' : 'Method not allowed\n');
}
