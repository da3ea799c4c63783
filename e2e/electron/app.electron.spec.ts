// The desktop shell end to end: the built app (out/main, out/preload, out/renderer) in the real
// Electron binary, with its own data dir. Runs wherever Electron is installed.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import type { ElectronApplication, Page } from '@playwright/test';
import { INVOKE_METHODS } from '../../src-shared/ipc/contract';

const REPO_ROOT = join(import.meta.dirname, '..', '..');

/** The path `require('electron')` gives in Node, or null when the binary was never downloaded. */
function electronBinary(): string | null {
  try {
    const path = createRequire(import.meta.url)('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
test.skip(
  binary === null,
  'The Electron binary is not installed here (ELECTRON_SKIP_BINARY_DOWNLOAD): require("electron") has no executable to launch.',
);

const EMPTY_KUBECONFIG = 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n';

let dir: string;
let app: ElectronApplication;
let page: Page;

test.beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-electron-'));
  await writeFile(join(dir, 'kubeconfig'), EMPTY_KUBECONFIG);
  app = await electron.launch({
    executablePath: binary ?? undefined,
    args: [REPO_ROOT],
    env: {
      ...process.env,
      STOREFLEET_DATA_DIR: join(dir, 'data'),
      KUBECONFIG: join(dir, 'kubeconfig'),
      ELECTRON_RENDERER_URL: '',
    },
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterEach(async () => {
  await app.close();
  await rm(dir, { recursive: true, force: true });
});

test('exposes exactly the contract on window.storefleet and no Node', async () => {
  await expect(page).toHaveTitle('Storefleet');
  const surface = await page.evaluate(() => ({
    keys: Object.keys((window as unknown as { storefleet: object }).storefleet).sort(),
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(surface).toEqual({
    keys: [...INVOKE_METHODS, 'on'].sort(),
    require: 'undefined',
    process: 'undefined',
  });
});

test('answers invokes from the isolated data dir and keeps error codes across the bridge', async () => {
  const result = await page.evaluate(async () => {
    type Bridge = {
      storeKinds(arg: unknown): Promise<unknown>;
      getStore(arg: unknown): Promise<unknown>;
    };
    const api = (window as unknown as { storefleet: Bridge }).storefleet;
    const kinds = await api.storeKinds({});
    const bad = await api.getStore({ storeId: '../etc' }).then(
      () => null,
      (e: { code?: unknown; message?: unknown }) => ({ code: e.code, message: e.message }),
    );
    return { kinds, bad };
  });
  expect(result.kinds).toEqual([
    { kind: 'woocommerce', displayName: 'WooCommerce', available: true },
    { kind: 'medusa', displayName: 'Medusa', available: true },
  ]);
  expect(result.bad).toMatchObject({
    code: 'invalid-argument',
    message: expect.stringContaining('storeId'),
  });
  expect(existsSync(join(dir, 'data', 'storefleet.db'))).toBe(true);
});

test('blocks new windows and navigation away from the app', async () => {
  const before = page.url();
  const opened = await page.evaluate(() => window.open('https://example.com/') === null);
  expect(opened).toBe(true);
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
});
