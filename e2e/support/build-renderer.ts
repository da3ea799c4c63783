// Builds the renderer when its output is missing or older than its sources, so the e2e suite
// and the UI benchmark always exercise what the source tree says, never a stale bundle.
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const RENDERER_DIR = join(REPO_ROOT, 'out', 'renderer');
/** The bench build (`electron-vite build --mode bench`): the product's build has no bench hooks. */
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

async function isStale(rendererDir: string): Promise<boolean> {
  const built = await stat(join(rendererDir, 'index.html')).catch(() => null);
  if (!built) return true;
  const sources = await Promise.all(SOURCES.map((s) => newestMtime(join(REPO_ROOT, s))));
  return Math.max(...sources) > built.mtimeMs;
}

/**
 * Runs `npx electron-vite build` (with `--mode <mode>` when given) if `rendererDir` is missing or
 * stale; output goes to stderr so stdout stays parseable. Resolves true when it built.
 */
async function buildIfStale(
  rendererDir: string,
  mode: string | undefined,
  log: (line: string) => void,
): Promise<boolean> {
  if (!(await isStale(rendererDir))) return false;
  const args = ['electron-vite', 'build', ...(mode ? ['--mode', mode] : [])];
  const command = args.join(' ');
  log(`[build] ${rendererDir} is missing or stale: running ${command}`);
  const child = spawn('npx', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
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
  if (code !== 0) throw new Error(`${command} failed (exit ${code}):\n${output}`);
  log('[build] done');
  return true;
}

/** The product build in out/renderer. */
export function buildAppIfStale(log: (line: string) => void): Promise<boolean> {
  return buildIfStale(RENDERER_DIR, undefined, log);
}

/** The bench build in out/bench; resolves with its renderer directory. */
export async function buildBenchRendererIfStale(log: (line: string) => void): Promise<string> {
  await buildIfStale(BENCH_RENDERER_DIR, 'bench', log);
  return BENCH_RENDERER_DIR;
}
