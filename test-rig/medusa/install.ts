// The backend project's dependencies for the native Medusa server: `npm ci` once per lock file
// into ~/.cache/storefleet/medusa-<hash>/; a warm run finds the folder and installs nothing.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';

export const BACKEND_DIR = resolve(fileURLToPath(new URL('../../images/medusa', import.meta.url)));

/** Marker written last: a folder without it is an install that did not finish. */
const MARKER = '.storefleet-installed';

export interface MedusaInstall {
  /** folder holding node_modules for this lock file */
  dir: string;
  /** whether this call ran `npm ci` */
  installed: boolean;
  seconds: number;
}

export async function lockHash(): Promise<string> {
  const lock = await readFile(join(BACKEND_DIR, 'package-lock.json'));
  return createHash('sha256').update(lock).digest('hex').slice(0, 16);
}

export function cacheRoot(): string {
  return process.env.STOREFLEET_CACHE_DIR ?? join(homedir(), '.cache', 'storefleet');
}

/**
 * Installs into a private folder and renames it into place, so concurrent first runs cannot see
 * half an install: the first rename wins, a later one throws its copy away.
 */
export async function ensureMedusaInstall(log: (line: string) => void): Promise<MedusaInstall> {
  const started = Date.now();
  const dir = join(cacheRoot(), `medusa-${await lockHash()}`);
  if (existsSync(join(dir, MARKER))) return { dir, installed: false, seconds: 0 };

  await mkdir(cacheRoot(), { recursive: true });
  const work = `${dir}.partial-${process.pid}-${Date.now()}`;
  await rm(work, { recursive: true, force: true });
  await mkdir(work, { recursive: true });
  try {
    for (const file of ['package.json', 'package-lock.json']) {
      await cp(join(BACKEND_DIR, file), join(work, file));
    }
    log(`[medusa] npm ci of the backend into ${dir} (first run for this lock file)`);
    const result = await execa('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: work,
      env: { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' },
      all: true,
      reject: false,
    });
    if (result.exitCode !== 0) {
      throw new Error(`npm ci of images/medusa failed:\n${(result.all ?? '').slice(-4000)}`);
    }
    // As the image does: `medusa db:migrate` creates these folders, which a read-only install
    // (the chart's read-only root) cannot.
    const scope = join(work, 'node_modules', '@medusajs');
    for (const name of await readdir(scope)) {
      const dist = join(scope, name, 'dist');
      if (existsSync(dist)) await mkdir(join(dist, 'migrations'), { recursive: true });
    }
    await writeFile(join(work, MARKER), `${new Date().toISOString()}\n`);
    if (existsSync(join(dir, MARKER))) {
      await rm(work, { recursive: true, force: true });
    } else {
      await rm(dir, { recursive: true, force: true });
      try {
        await rename(work, dir);
      } catch (error) {
        // Another run finished first and took the name.
        if (!existsSync(join(dir, MARKER))) throw error;
        await rm(work, { recursive: true, force: true });
      }
    }
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
  const seconds = (Date.now() - started) / 1000;
  log(`[medusa] backend installed in ${seconds.toFixed(1)} s`);
  return { dir, installed: true, seconds };
}
