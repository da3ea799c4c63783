// Builds the app once when out/renderer is missing or older than its sources, so the e2e suite
// and the UI benchmark always exercise what the source tree says, never a stale bundle.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');

/** Everything the renderer bundle is built from (it imports types and browser-safe code from main). */
const SOURCES = ['src-renderer', 'src-shared', 'electron.vite.config.ts'];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newestMtime(join(path, e))));
  return Math.max(0, ...times);
}

export async function rendererIsStale(): Promise<boolean> {
  const built = await stat(join(RENDERER_DIR, 'index.html')).catch(() => null);
  if (!built) return true;
  const sources = await Promise.all(SOURCES.map((s) => newestMtime(join(REPO_ROOT, s))));
  return Math.max(...sources) > built.mtimeMs;
}

/** Runs `npx electron-vite build` when needed; output goes to stderr so stdout stays parseable. */
export async function buildAppIfStale(log: (line: string) => void): Promise<boolean> {
  if (!(await rendererIsStale())) return false;
  log('[build] out/renderer is missing or stale: running electron-vite build');
  const child = spawn('npx', ['electron-vite', 'build'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0) throw new Error(`electron-vite build failed (exit ${code}):\n${output}`);
  log('[build] done');
  return true;
}
