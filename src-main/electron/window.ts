import { BrowserWindow } from 'electron';
import type { Session, WebContents } from 'electron';
import { isPermissionAllowed } from './permission-policy';
import { isTrustedSender } from './sender-check';

export interface MainWindowOptions {
  preloadFile: string;
  rendererFile: string;
  devServerUrl?: string;
  /** the only URL the window may show; see rendererUrl() */
  expectedUrl: string;
}

/**
 * Denies every permission but clipboard writes from the app's own page (see permission-policy),
 * without prompting, and adds the CSP to every response the session loads.
 */
export function hardenSession(ses: Session, csp: string, expectedUrl: string): void {
  ses.setPermissionRequestHandler((contents, permission, callback) =>
    callback(isPermissionAllowed(permission, contents.getURL(), expectedUrl)),
  );
  ses.setPermissionCheckHandler((contents, permission) =>
    isPermissionAllowed(permission, contents?.getURL(), expectedUrl),
  );
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
}

/**
 * The window shows the app and nothing else: links never navigate it, never open windows, and
 * never reach the user's browser; stores are opened only through the openStore invoke.
 */
export function hardenContents(contents: WebContents, expectedUrl: string): void {
  contents.on('will-navigate', (event, url) => {
    if (!isTrustedSender(url, expectedUrl)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isTrustedSender(url, expectedUrl)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export async function createMainWindow(o: MainWindowOptions): Promise<BrowserWindow> {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Storefleet',
    show: false,
    webPreferences: {
      preload: o.preloadFile,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  hardenContents(win.webContents, o.expectedUrl);
  win.once('ready-to-show', () => win.show());
  if (o.devServerUrl) await win.loadURL(o.devServerUrl);
  else await win.loadFile(o.rendererFile);
  return win;
}
