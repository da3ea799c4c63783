import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { Reaper } from './reaper';

export interface ComponentSpec {
  name: string;
  command: string;
  args: string[];
  logFile: string;
}

export interface ExitInfo {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export async function logTail(file: string, lines = 20): Promise<string[]> {
  const text = await readFile(file, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').filter(Boolean).slice(-lines);
}

/**
 * One control plane process. It runs in its own process group (so Ctrl-C in a terminal reaches
 * only the launcher, which then stops components in order) and logs to a file, so it never
 * blocks on a pipe nobody reads.
 */
export class Component {
  readonly spec: ComponentSpec;
  readonly exited: Promise<ExitInfo>;
  private readonly child: ChildProcess;
  private stopping = false;

  constructor(spec: ComponentSpec, reaper: Reaper) {
    this.spec = spec;
    const fd = openSync(spec.logFile, 'a');
    try {
      this.child = spawn(spec.command, spec.args, { detached: true, stdio: ['ignore', fd, fd] });
    } finally {
      closeSync(fd);
    }
    this.exited = new Promise((resolve) => {
      this.child.once('error', () => resolve({ code: null, signal: null }));
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    if (this.child.pid) reaper.watch(this.child.pid);
    void this.exited.then(() => {
      if (this.child.pid) reaper.forget(this.child.pid);
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  async stop(graceMs = 3000): Promise<void> {
    this.stopping = true;
    const pid = this.child.pid;
    if (!pid || this.child.exitCode !== null || this.child.signalCode !== null) return;
    signalGroup(pid, 'SIGTERM');
    const timer = setTimeout(() => signalGroup(pid, 'SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
    // Anything the component started itself goes with it.
    signalGroup(pid, 'SIGKILL');
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}
