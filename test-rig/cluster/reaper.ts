import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';

const script = fileURLToPath(new URL('./reaper-child.mjs', import.meta.url));

export interface Reaper {
  pid: number;
  watch(pid: number): void;
  forget(pid: number): void;
  /** Ends the watchdog without killing anything: the launcher stopped the cluster itself. */
  release(): void;
}

/**
 * Starts the watchdog in its own process group so a Ctrl-C aimed at the launcher's group
 * cannot kill it before it has cleaned up.
 */
export function startReaper(removeDirOnReap?: string): Reaper {
  const args = [script, String(process.pid), ...(removeDirOnReap ? [removeDirOnReap] : [])];
  const child = spawn(process.execPath, args, {
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
  });
  child.unref();
  const stdin = child.stdin as Socket;
  stdin.unref();
  stdin.on('error', () => {});
  const send = (line: string) => {
    if (stdin.writable) stdin.write(`${line}\n`);
  };
  return {
    pid: child.pid ?? 0,
    watch: (pid) => send(`+${pid}`),
    forget: (pid) => send(`-${pid}`),
    release: () => {
      send('exit');
      stdin.end();
    },
  };
}
