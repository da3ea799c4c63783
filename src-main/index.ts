import { app, BrowserWindow } from 'electron';
import { join } from 'node:path';

// Placeholder wiring; the hardened shell lives in src-main/app/.
async function main(): Promise<void> {
  await app.whenReady();
  const win = new BrowserWindow({
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    },
  });
  await win.loadFile(join(import.meta.dirname, '../renderer/index.html'));
}

void main();
