import { spawn } from 'node:child_process';

export const IS_WINDOWS = process.platform === 'win32';

function isMissingProcess(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ESRCH';
}

/**
 * Signals a child and everything it started. On POSIX children are spawned detached, so each
 * leads its own process group and a negative pid reaches the grandchildren too (helm plugins,
 * kubectl exec credential plugins, `sh -c` wrappers).
 */
export function signalTree(pid: number, signal: 'SIGTERM' | 'SIGKILL'): void {
  if (IS_WINDOWS) {
    // Windows has no process groups for signals; taskkill /T walks the tree.
    const killer = spawn('taskkill', ['/pid', String(pid), '/T', '/F'], {
      stdio: 'ignore',
      windowsHide: true,
    });
    killer.on('error', () => undefined);
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch (error) {
    if (!isMissingProcess(error)) throw error;
  }
}

/** True while a process with this pid exists (zombies included). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !isMissingProcess(error);
  }
}

export type TreeStopReason = 'cancelled' | 'timeout';

export interface TreeStopper {
  /** why the tree was stopped; null while it was not */
  stopped(): TreeStopReason | null;
  /** once the child has exited: the timer and the abort listener are let go */
  done(): void;
}

/**
 * Stops a detached child's tree when `signal` aborts (or has) or `timeoutMs` passes: SIGTERM,
 * then SIGKILL 3 s later. The first reason is kept.
 */
export function stopTreeOnAbortOrTimeout(
  pid: number | undefined,
  o: { signal?: AbortSignal | undefined; timeoutMs: number },
): TreeStopper {
  let stopped: TreeStopReason | null = null;
  const stop = (why: TreeStopReason): void => {
    if (stopped !== null || pid === undefined) return;
    stopped = why;
    signalTree(pid, 'SIGTERM');
    setTimeout(() => signalTree(pid, 'SIGKILL'), 3_000).unref();
  };
  const onAbort = (): void => stop('cancelled');
  o.signal?.addEventListener('abort', onAbort, { once: true });
  if (o.signal?.aborted) onAbort();
  const timer = setTimeout(() => stop('timeout'), o.timeoutMs);
  return {
    stopped: () => stopped,
    done: () => {
      clearTimeout(timer);
      o.signal?.removeEventListener('abort', onAbort);
    },
  };
}
