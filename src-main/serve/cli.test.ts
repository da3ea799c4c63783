import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createWebSocketApi, ipcSocketUrl } from '../../src-renderer/src/api/ws-client';
import type { WebSocketLike } from '../../src-renderer/src/api/ws-client';

const CLI = join(import.meta.dirname, 'cli.ts');
const KUBECONFIG = `apiVersion: v1
kind: Config
current-context: k3d-cli-test
clusters:
  - name: k3d-cli-test
    cluster: { server: 'https://127.0.0.1:1' }
contexts:
  - name: k3d-cli-test
    context: { cluster: k3d-cli-test, user: admin@k3d-cli-test }
users:
  - name: admin@k3d-cli-test
    user: { token: not-a-real-token }
`;

let dir: string;
let child: ChildProcess | null = null;
let stdout = '';
let stderr = '';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-cli-'));
  await writeFile(join(dir, 'kubeconfig'), KUBECONFIG);
  stdout = '';
  stderr = '';
});

afterEach(async () => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

function startCli(): Promise<string> {
  child = spawn(process.execPath, ['--import', 'tsx', CLI], {
    env: {
      PATH: process.env.PATH,
      HOME: dir,
      KUBECONFIG: join(dir, 'kubeconfig'),
      STOREFLEET_DATA_DIR: join(dir, 'data'),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child?.stdout?.on('data', (c: Buffer) => {
      stdout += c.toString();
      const url = /serving (http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64})/.exec(stdout)?.[1];
      if (url) resolve(url);
    });
    child?.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

function exitCode(): Promise<number | null> {
  return new Promise((resolve) => child?.once('exit', (code) => resolve(code)));
}

describe('npm run serve (tsx src-main/serve/cli.ts, real process)', () => {
  it('serves the real services over the token-checked socket and stops cleanly on SIGTERM', async () => {
    const url = await startCli();
    const page = new URL(url);
    const token = page.searchParams.get('token') ?? '';
    const api = createWebSocketApi(
      ipcSocketUrl(url),
      token,
      (u) => new WebSocket(u, { origin: page.origin }) as unknown as WebSocketLike,
    );

    const list = await api.listContexts({});
    expect(list.contexts.map((c) => c.name)).toEqual(['k3d-cli-test']);
    expect(list.selected).toBe('k3d-cli-test');
    await expect(api.storeKinds({})).resolves.toEqual([
      { kind: 'woocommerce', displayName: 'WooCommerce', available: true },
      { kind: 'medusa', displayName: 'Medusa', available: true },
    ]);
    await expect(api.selectContext({ context: 'k3d-elsewhere' })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(api.listStores({ context: 'k3d-cli-test' })).resolves.toEqual([]);
    await expect(api.getStore({ storeId: 'no-such-store' })).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(api.updateSettings({ maxConcurrentProvisions: 2 })).resolves.toMatchObject({
      maxConcurrentProvisions: 2,
    });

    const exited = exitCode();
    child?.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
    expect(stderr).not.toContain(token);
    expect(stderr).not.toContain('not-a-real-token');
  }, 30_000);

  it('refuses to serve a data folder another serve is using, naming the folder and that process', async () => {
    await startCli();
    const first = child;
    const second = spawn(process.execPath, ['--import', 'tsx', CLI], {
      env: {
        PATH: process.env.PATH,
        HOME: dir,
        KUBECONFIG: join(dir, 'kubeconfig'),
        STOREFLEET_DATA_DIR: join(dir, 'data'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let secondOut = '';
    second.stdout.on('data', (c: Buffer) => (secondOut += c.toString()));
    second.stderr.on('data', (c: Buffer) => (secondOut += c.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).toBe(1);
    expect(secondOut).toBe(
      `storefleet: The data folder ${join(dir, 'data')} is in use by another Storefleet ` +
        `(process ${String(first?.pid)}). Quit that one first, or give this one another folder ` +
        `with STOREFLEET_DATA_DIR. If no Storefleet runs as process ${String(first?.pid)}, ` +
        `remove ${join(dir, 'data', 'storefleet.lock')}.\n`,
    );

    // Once the first has stopped, the folder is free again.
    const exited = exitCode();
    first?.kill('SIGTERM');
    await expect(exited).resolves.toBe(0);
    await startCli();
  }, 30_000);
});
