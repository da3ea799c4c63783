import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { WS_IPC_PATH } from '../../src-shared/ipc/ws-protocol';

export type GateResult = { ok: true } | { ok: false; status: 401 | 403 | 404 };

/**
 * Decides whether a WebSocket upgrade may reach the IPC dispatch. The Origin check stops other
 * sites open in the same browser; the token stops other local users and processes.
 */
export function checkUpgrade(
  req: IncomingMessage,
  expect: { origin: string; token: string },
): GateResult {
  const url = new URL(req.url ?? '/', expect.origin);
  if (url.pathname !== WS_IPC_PATH) return { ok: false, status: 404 };
  if (req.headers.origin !== expect.origin) return { ok: false, status: 403 };
  if (req.headers.host !== new URL(expect.origin).host) return { ok: false, status: 403 };
  const token = url.searchParams.get('token');
  if (token === null || !tokensEqual(token, expect.token)) return { ok: false, status: 401 };
  return { ok: true };
}

/** Constant-time even when lengths differ: both sides are hashed to the same size first. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
