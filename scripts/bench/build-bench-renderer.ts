// The UI benchmark runs against the bench build of the renderer (`electron-vite build --mode
// bench` into out/bench/): the product's build in out/renderer has no bench hooks. Built again
// whenever it is missing or older than its sources.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const BENCH_RENDERER_DIR = join(REPO_ROOT, 'out', 'bench', 'renderer');

/** Everything the renderer bundle is built from. */
const SOURCES = ['src-renderer', 'src-shared', 'electron.vite.config.ts'];

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path).catch(() => null);
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newestMtime(join(path, e))));
  return Math.max(0, ...times);
}

async function isStale(): Promise<boolean> {
  const built = await stat(join(BENCH_RENDERER_DIR, 'index.html')).catch(() => null);
  if (!built) return true;
  const sources = await Promise.all(SOURCES.map((s) => newestMtime(join(REPO_ROOT, s))));
  return Math.max(...sources) > built.mtimeMs;
}

/** Builds the bench variant when needed and resolves with its renderer directory. */
export async function buildBenchRendererIfStale(log: (line: string) => void): Promise<string> {
  if (!(await isStale())) return BENCH_RENDERER_DIR;
  log('[build] out/bench is missing or stale: running electron-vite build --mode bench');
  const child = spawn('npx', ['electron-vite', 'build', '--mode', 'bench'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  if (code !== 0)
    throw new Error(`electron-vite build --mode bench failed (exit ${code}):\n${output}`);
  log('[build] done');
  return BENCH_RENDERER_DIR;
}
