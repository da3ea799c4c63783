import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataFolderLockedError, LOCK_FILE, lockDataFolder } from './data-folder-lock';
import { openDatabase } from './database';
import { tempDir } from './test-helpers';

const LOCK_MODULE = join(import.meta.dirname, 'data-folder-lock.ts');

let tmp: ReturnType<typeof tempDir>;
const children: ChildProcess[] = [];

beforeEach(() => {
  tmp = tempDir();
});
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  tmp.cleanup();
});

/** A real process that takes the folder's lock, says "locked", and holds it until told to exit. */
function holder(dataDir: string): Promise<ChildProcess> {
  const code = `
    import { lockDataFolder } from ${JSON.stringify(LOCK_MODULE)};
    lockDataFolder(${JSON.stringify(dataDir)});
    process.stdout.write('locked\\n');
    process.stdin.on('data', () => process.exit(0));
  `;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      if (c.toString().includes('locked')) resolve(child);
    });
    child.on('exit', (code) =>
      reject(new Error(`lock holder exited with ${String(code)}: ${stderr}`)),
    );
  });
}

function exited(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
}

describe('lockDataFolder (real processes)', () => {
  it('refuses a folder another live process holds, naming the folder and that process', async () => {
    const dataDir = join(tmp.dir, 'data');
    const other = await holder(dataDir);
    let error: unknown;
    try {
      lockDataFolder(dataDir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DataFolderLockedError);
    expect((error as Error).message).toBe(
      `The data folder ${dataDir} is in use by another Storefleet (process ${String(other.pid)}). ` +
        'Quit that one first, or give this one another folder with STOREFLEET_DATA_DIR. ' +
        `If no Storefleet runs as process ${String(other.pid)}, remove ${join(dataDir, LOCK_FILE)}.`,
    );
    // The database opens nothing while the folder is someone else's.
    expect(() => openDatabase(join(dataDir, 'storefleet.db'))).toThrow(DataFolderLockedError);
    expect(existsSync(join(dataDir, 'storefleet.db'))).toBe(false);
  });

  it('releases the folder when its holder exits, and takes over the lock of a killed one', async () => {
    const dataDir = join(tmp.dir, 'data');
    const polite = await holder(dataDir);
    polite.stdin?.write('bye\n');
    await exited(polite);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);

    const killed = await holder(dataDir);
    killed.kill('SIGKILL');
    await exited(killed);
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(`pid=${String(killed.pid)}\n`);
    const lock = lockDataFolder(dataDir);
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(`pid=${String(process.pid)}\n`);
    lock.release();
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('gives a stale lock to exactly one of several processes starting at once', async () => {
    const dataDir = join(tmp.dir, 'data');
    const dead = await holder(dataDir);
    dead.kill('SIGKILL');
    await exited(dead);
    const code = `
      import { lockDataFolder } from ${JSON.stringify(LOCK_MODULE)};
      try {
        lockDataFolder(${JSON.stringify(dataDir)});
        process.stdout.write('locked\\n');
      } catch (error) {
        process.stdout.write(error.code + '\\n');
      }
      process.stdin.on('data', () => process.exit(0));
    `;
    const racers = Array.from({ length: 5 }, () => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', '--input-type=module', '-e', code],
        {
          stdio: ['pipe', 'pipe', 'inherit'],
        },
      );
      children.push(child);
      return new Promise<string>((resolve) =>
        child.stdout.once('data', (c: Buffer) => resolve(c.toString().trim())),
      );
    });
    const said = await Promise.all(racers);
    expect(said.filter((s) => s === 'locked')).toHaveLength(1);
    expect(said.filter((s) => s === 'data-folder-locked')).toHaveLength(4);
  });

  it('treats a lock file naming nobody as stale', () => {
    const dataDir = join(tmp.dir, 'data');
    lockDataFolder(dataDir).release();
    writeFileSync(join(dataDir, LOCK_FILE), 'pid=');
    const lock = lockDataFolder(dataDir);
    expect(readFileSync(join(dataDir, LOCK_FILE), 'utf8')).toBe(`pid=${String(process.pid)}\n`);
    lock.release();
  });

  it('lets one process open its own folder twice; the lock goes with the last release', () => {
    const file = join(tmp.dir, 'data', 'storefleet.db');
    const first = openDatabase(file);
    const second = openDatabase(file);
    first.close();
    expect(existsSync(join(tmp.dir, 'data', LOCK_FILE))).toBe(true);
    second.close();
    expect(existsSync(join(tmp.dir, 'data', LOCK_FILE))).toBe(false);
  });

  it('creates the data folder readable by its owner only, and the database file too', () => {
    const dataDir = join(tmp.dir, 'fresh', 'data');
    const db = openDatabase(join(dataDir, 'storefleet.db'));
    db.prepare('SELECT 1').get();
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    expect(statSync(join(tmp.dir, 'fresh')).mode & 0o777).toBe(0o700);
    expect(statSync(join(dataDir, 'storefleet.db')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'storefleet.db-wal')).mode & 0o777).toBe(0o600);
    db.close();
  });
});
