import { randomBytes } from 'node:crypto';
import {
  linkSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';

/** The file that says which process uses a data folder. */
export const LOCK_FILE = 'storefleet.lock';

export class DataFolderLockedError extends Error {
  readonly code = 'data-folder-locked';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The data folder ${dataDir} is in use by another Storefleet (process ${String(pid)}). ` +
        'Quit that one first, or give this one another folder with STOREFLEET_DATA_DIR. ' +
        `If no Storefleet runs as process ${String(pid)}, remove ${join(dataDir, LOCK_FILE)}.`,
    );
    this.name = 'DataFolderLockedError';
  }
}

export interface DataFolderLock {
  /** Gives the folder up; the lock file goes when the last holder in this process releases. */
  release(): void;
}

// Holders per folder in this process: one process may open its own folder more than once.
const held = new Map<string, number>();
let exitHookInstalled = false;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function lockOwner(file: string): number | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  const pid = Number(/^pid=(\d+)$/m.exec(text)?.[1]);
  // A lock file cut short by a crash while it was being written names nobody.
  return Number.isSafeInteger(pid) && pid > 0 ? pid : 0;
}

function removeIfOwned(file: string): void {
  try {
    if (lockOwner(file) === process.pid) unlinkSync(file);
  } catch {
    // Already gone, or the folder went: nothing is left to give up.
  }
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const dir of held.keys()) removeIfOwned(join(dir, LOCK_FILE));
    held.clear();
  });
}

/**
 * Creates the lock file whole or not at all: written aside, then linked into place, which fails
 * when the file exists. Another process never sees it empty.
 */
function tryCreate(file: string): boolean {
  const aside = `${file}.${String(process.pid)}.${randomBytes(4).toString('hex')}`;
  writeFileSync(aside, `pid=${String(process.pid)}\n`, { mode: 0o600, flag: 'wx' });
  try {
    linkSync(aside, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(aside, { force: true });
  }
}

/**
 * Removes a stale lock naming `staleOwner`. It is moved aside first (only one process can move
 * it); if what was moved is not that stale lock (another process took over in between), it is
 * put back.
 */
function takeOver(file: string, staleOwner: number): void {
  const aside = `${file}.stale-${String(process.pid)}.${randomBytes(4).toString('hex')}`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  try {
    if (lockOwner(aside) !== staleOwner) linkSync(aside, file);
  } catch {
    // A new lock is already in place: it stays, and the next attempt reads it.
  } finally {
    rmSync(aside, { force: true });
  }
}

/**
 * Takes a data folder for this process, creating it (readable by its owner only) when needed.
 * Two processes on one folder would both resume the same pending Helm work, so a second one is
 * refused with a DataFolderLockedError naming the folder and the process holding it. A lock
 * left by a process that is no longer running is taken over.
 */
export function lockDataFolder(dataDir: string): DataFolderLock {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = join(dataDir, LOCK_FILE);
  const count = held.get(dataDir) ?? 0;
  if (count === 0) {
    for (let attempt = 1; !tryCreate(file); attempt++) {
      const owner = lockOwner(file);
      if (owner !== null && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new DataFolderLockedError(dataDir, owner);
      }
      if (attempt >= 5) throw new DataFolderLockedError(dataDir, owner ?? 0);
      // Left by a process that is gone (or by this one): take it over.
      if (owner !== null) takeOver(file, owner);
    }
    installExitHook();
  }
  held.set(dataDir, count + 1);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      const left = (held.get(dataDir) ?? 1) - 1;
      if (left > 0) {
        held.set(dataDir, left);
        return;
      }
      held.delete(dataDir);
      removeIfOwned(file);
    },
  };
}
