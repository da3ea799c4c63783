import { connect } from 'node:net';
import type { DatabaseAccess } from '../store-kinds/driver';

/** PostgreSQL's SSLRequest: the server answers it with one byte ('S' or 'N') before any login. */
const POSTGRES_SSL_REQUEST = Buffer.from([0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f]);

export type ProbeResult = { ok: true } | { ok: false; reason: 'closed' | 'timeout' };

/**
 * Opens one connection through a forward and waits for the database's first bytes: MariaDB
 * greets every new connection; PostgreSQL answers an SSLRequest. Nothing is logged in, and the
 * connection ends as soon as the database answered. A forward the cluster refused closes the
 * connection without a byte.
 */
export function probeForward(
  port: number,
  engine: DatabaseAccess['engine'],
  timeoutMs: number,
): Promise<ProbeResult> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    let settled = false;
    const done = (result: ProbeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ ok: false, reason: 'timeout' }), timeoutMs);
    socket.on('error', () => done({ ok: false, reason: 'closed' }));
    socket.once('connect', () => {
      if (engine === 'postgres') socket.write(POSTGRES_SSL_REQUEST);
    });
    socket.once('data', () => done({ ok: true }));
    socket.once('close', () => done({ ok: false, reason: 'closed' }));
  });
}
