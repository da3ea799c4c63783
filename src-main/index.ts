// Electron shell: thin wiring only. Everything it composes runs and is tested in plain Node.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BrowserWindow, Notification, app, ipcMain, session, shell } from 'electron';
import { contentSecurityPolicy } from './app/content-security-policy';
import { createAppServices } from './app/create-app-services';
import type { AppHandle } from './app/create-app-services';
import { registerIpcHandlers } from './electron/ipc-electron';
import { rendererUrl } from './electron/sender-check';
import { createStoreNotifier } from './electron/store-notifications';
import { createMainWindow, hardenContents, hardenSession } from './electron/window';
import { createTray } from './electron/tray';
import { eventChannel } from '../src-shared/ipc/contract';
import { createDispatch } from './ipc/dispatch';
import { wireEvents } from './ipc/events';
import { killAllChildren } from './tools/exec';

const log = (line: string): void => {
  process.stderr.write(`storefleet: ${line}\n`);
};

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
const rendererFile = join(import.meta.dirname, '../renderer/index.html');
const preloadFile = join(import.meta.dirname, '../preload/index.cjs');
const expectedUrl = rendererUrl({ rendererFile, devServerUrl });

app.enableSandbox();

// node_modules holds better-sqlite3 built for Node (the tests use it); `npm start` fetches the
// Electron build beside it, and packaged apps ship theirs in node_modules where this is absent.
function sqliteNativeBinding(): string | undefined {
  const file = join(
    import.meta.dirname,
    '../../.native',
    `electron-${process.versions.electron}-${process.platform}-${process.arch}`,
    'better_sqlite3.node',
  );
  return existsSync(file) ? file : undefined;
}

let handle: AppHandle | null = null;
let teardown: (() => void) | null = null;
let quitting: 'no' | 'in-progress' | 'done' = 'no';

async function openWindow(): Promise<BrowserWindow> {
  return createMainWindow({ preloadFile, rendererFile, devServerUrl, expectedUrl });
}

async function main(): Promise<void> {
  await app.whenReady();
  hardenSession(
    session.defaultSession,
    contentSecurityPolicy({ devServer: devServerUrl }),
    expectedUrl,
  );
  app.on('web-contents-created', (_event, contents) => hardenContents(contents, expectedUrl));

  // STOREFLEET_DATA_DIR isolates end-to-end runs from the user's own stores.
  const dataDir = process.env.STOREFLEET_DATA_DIR || app.getPath('userData');
  const storefrontPort = Number(process.env.STOREFLEET_STOREFRONT_PORT) || undefined;
  handle = await createAppServices({
    dataDir,
    sqliteNativeBinding: sqliteNativeBinding(),
    env: process.env,
    home: app.getPath('home'),
    storefrontPort,
    log,
    openExternal: (url) => shell.openExternal(url),
  });
  const { services } = handle;

  const unregister = registerIpcHandlers(
    ipcMain,
    createDispatch(services, {
      onInternalError: (m, name) => log(`${m} failed with ${name}`),
      // One line per IPC call (method, outcome, time) when STOREFLEET_DEBUG is set.
      debug: process.env.STOREFLEET_DEBUG ? (line) => log(`debug ${line}`) : undefined,
    }),
    expectedUrl,
  );
  const unwire = wireEvents(services, (event, payload) => {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(eventChannel(event), payload);
    }
  });
  const notice = createStoreNotifier();
  const offNotices = services.stores.onStoreUpdated((store) => {
    const n = notice(store);
    if (n && Notification.isSupported()) new Notification(n).show();
  });
  // The tray: Create a store shows the window and asks its page to open the create dialog.
  const showWindow = async (): Promise<BrowserWindow> => {
    const [existing] = BrowserWindow.getAllWindows();
    const win = existing ?? (await openWindow());
    if (win.isMinimized()) win.restore();
    win.show();
    win.focus();
    return win;
  };
  const closeTray = createTray({
    services,
    showWindow: () => {
      showWindow().catch((error: unknown) => log(`showing the window failed: ${String(error)}`));
    },
    createStore: () => {
      showWindow()
        .then((win) => win.webContents.send(eventChannel('openCreateStore'), null))
        .catch((error: unknown) => log(`showing the window failed: ${String(error)}`));
    },
    quit: () => app.quit(),
    log,
  });
  teardown = () => {
    closeTray();
    offNotices();
    unwire();
    unregister();
  };

  await openWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [win] = BrowserWindow.getAllWindows();
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('activate', () => {
    if (handle && BrowserWindow.getAllWindows().length === 0) {
      openWindow().catch((error: unknown) => log(`reopening the window failed: ${String(error)}`));
    }
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Quit waits for the engine to interrupt its steps (so the next start resumes them) and for
  // every helm child to be gone; the second before-quit, after that, is let through.
  app.on('before-quit', (event) => {
    if (quitting === 'done') return;
    event.preventDefault();
    if (quitting === 'in-progress') return;
    quitting = 'in-progress';
    teardown?.();
    (handle?.shutdown() ?? Promise.resolve())
      .then(() => killAllChildren())
      .catch((error: unknown) =>
        log(`shutdown failed: ${error instanceof Error ? error.message : 'unknown error'}`),
      )
      .finally(() => {
        quitting = 'done';
        app.quit();
      });
  });
  main().catch((error: unknown) => {
    log(`start-up failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    app.exit(1);
  });
}
