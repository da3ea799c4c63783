import { WebSocket } from 'ws';
import { expect, test } from '../support/fleet';

/** Resolves with the HTTP status of the upgrade: 101 when the socket opened. */
function upgradeStatus(url: string, origin: string): Promise<number> {
  const ws = new WebSocket(url, { origin });
  return new Promise((resolve, reject) => {
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('error', reject);
  });
}

test.describe('serve host WebSocket gate (real child process)', () => {
  test('refuses a missing or wrong token and accepts the printed one', async ({ fleet }) => {
    const page = new URL(fleet.serve.url);
    const token = page.searchParams.get('token') ?? '';
    const origin = page.origin;
    const ipc = `ws://${page.host}/ipc`;
    const wrong = token.replace(/^./, (c) => (c === '0' ? '1' : '0'));

    expect([401, 403]).toContain(await upgradeStatus(ipc, origin));
    expect([401, 403]).toContain(await upgradeStatus(`${ipc}?token=${wrong}`, origin));
    expect([401, 403]).toContain(
      await upgradeStatus(`${ipc}?token=${token}`, 'http://evil.localhost'),
    );
    expect(await upgradeStatus(`${ipc}?token=${token}`, origin)).toBe(101);
  });
});
