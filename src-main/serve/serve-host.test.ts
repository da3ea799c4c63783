import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { fakeServices } from '../../test-rig/fake-services';
import type { FakeServices } from '../../test-rig/fake-services';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import { createWebSocketApi, ipcSocketUrl } from '../../src-renderer/src/api/ws-client';
import type { WebSocketLike } from '../../src-renderer/src/api/ws-client';
import { startServeHost } from './serve-host';
import type { ServeHost } from './serve-host';

let dir: string;
let services: FakeServices;
let host: ServeHost;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-serve-'));
  await mkdir(join(dir, 'renderer', 'assets'), { recursive: true });
  await writeFile(join(dir, 'renderer', 'index.html'), '<!doctype html><title>Storefleet</title>');
  await writeFile(join(dir, 'renderer', 'assets', 'app.js'), 'export {};');
  await writeFile(join(dir, 'outside.txt'), 'not for the browser');
  services = fakeServices();
  host = await startServeHost({ services, rendererDir: join(dir, 'renderer') });
});

afterEach(async () => {
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

/** Resolves with the HTTP status of a refused upgrade, or 101 when the socket opened. */
async function upgradeStatus(query: string, headers: Record<string, string>): Promise<number> {
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/ipc${query}`, { headers });
  return new Promise((resolve, reject) => {
    ws.on('open', () => {
      ws.close();
      resolve(101);
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', reject);
  });
}

async function get(path: string, hostHeader = `127.0.0.1:${host.port}`) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: host.port, path, headers: { host: hostHeader } },
        (res) => {
          let body = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (body += c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
        },
      );
      req.on('error', reject);
      req.end();
    },
  );
}

/** The client as the browser uses it, with Node's `ws` in place of the browser's WebSocket. */
function connect(token = host.token) {
  const origin = `http://127.0.0.1:${host.port}`;
  return createWebSocketApi(
    ipcSocketUrl(host.url),
    token,
    (u) => new WebSocket(u, { origin }) as unknown as WebSocketLike,
  );
}

describe('serve host WebSocket gate', () => {
  const origin = () => ({ origin: `http://127.0.0.1:${host.port}` });

  it('prints a loopback URL carrying a 64-hex-digit token', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?token=${host.token}`);
    expect(host.token).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a missing token with 401', async () => {
    await expect(upgradeStatus('', origin())).resolves.toBe(401);
  });

  it('refuses a wrong token with 401', async () => {
    await expect(upgradeStatus(`?token=${'0'.repeat(64)}`, origin())).resolves.toBe(401);
    await expect(upgradeStatus(`?token=${host.token.slice(0, 10)}`, origin())).resolves.toBe(401);
  });

  it('refuses a foreign or missing Origin with 403, even with the right token', async () => {
    await expect(
      upgradeStatus(`?token=${host.token}`, { origin: 'http://evil.example' }),
    ).resolves.toBe(403);
    await expect(
      upgradeStatus(`?token=${host.token}`, { origin: `http://localhost:${host.port}` }),
    ).resolves.toBe(403);
    await expect(upgradeStatus(`?token=${host.token}`, {})).resolves.toBe(403);
  });

  it('accepts the right token and Origin', async () => {
    await expect(upgradeStatus(`?token=${host.token}`, origin())).resolves.toBe(101);
  });
});

describe('serve host IPC over WebSocket', () => {
  it('round-trips an invoke through the shared dispatch', async () => {
    const api = connect();
    await expect(api.getSettings({})).resolves.toMatchObject({ maxConcurrentProvisions: 3 });
    await expect(api.updateSettings({ maxStoresPerContext: 42 })).resolves.toMatchObject({
      maxStoresPerContext: 42,
    });
    api.close();
  });

  it('rejects a bad argument with the same IpcError the desktop app gets', async () => {
    const api = connect();
    const bad = api.rollbackStore({ storeId: 's-a', revision: -1 });
    await expect(bad).rejects.toBeInstanceOf(IpcError);
    await expect(bad).rejects.toMatchObject({
      code: 'invalid-argument',
      details: { field: 'revision' },
    });
    expect(services.calls).toEqual([]);
    api.close();
  });

  it('pushes store updates, store events and context changes to the client', async () => {
    const api = connect();
    await api.getSettings({}); // the socket is open and registered once a reply came back
    const store = services.addStore({ id: 's-shop', name: 'shop' });
    const got: unknown[] = [];
    const off = api.on('storeUpdated', (s) => got.push(s.name));
    const arrived = new Promise<void>((resolve) => api.on('contextsChanged', () => resolve()));
    services.emitStore(store);
    services.emitContexts({ contexts: [], errors: [], selected: 'k3d-dev' });
    await arrived;
    off();
    services.emitStore(store);
    await api.getSettings({});
    expect(got).toEqual(['shop']);
    api.close();
  });

  it('fails calls with unavailable once the host has closed', async () => {
    const api = connect();
    await api.getSettings({});
    await host.close();
    await expect(api.getSettings({})).rejects.toMatchObject({ code: 'unavailable' });
    expect(services.listenerCount()).toBe(0);
  });
});

describe('serve host static files', () => {
  it('serves the renderer with the CSP and no Referer leak', async () => {
    const res = await get('/?token=x');
    expect(res.status).toBe(200);
    expect(res.body).toContain('<title>Storefleet</title>');
    expect(res.headers['content-security-policy']).toContain(
      `connect-src 'self' ws://127.0.0.1:${host.port}`,
    );
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    await expect(get('/assets/app.js')).resolves.toMatchObject({
      status: 200,
      headers: { 'content-type': 'text/javascript; charset=utf-8' },
    });
  });

  it('never serves a file outside the renderer folder', async () => {
    await expect(get('/%2e%2e/outside.txt')).resolves.toMatchObject({ status: 404 });
    await expect(get('/..%2foutside.txt')).resolves.toMatchObject({ status: 404 });
    await expect(get('/assets/%00')).resolves.toMatchObject({ status: 404 });
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    await expect(get('/', 'evil.example')).resolves.toMatchObject({ status: 403 });
  });
});
