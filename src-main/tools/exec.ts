import { basename } from 'node:path';
import { execa } from 'execa';
import { IS_WINDOWS, signalTree } from './process-tree';
import { describeCommand, redactArgs, scrub } from './redact';
import { matchStderr } from './stderr-patterns';
import { ToolError } from './tool-error';

export { ToolError, isToolError } from './tool-error';
export type { ToolErrorCode, ToolErrorInit } from './tool-error';

export interface ExecOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
  /** extra secret values (e.g. from a generated values file) to scrub from a ToolError */
  redact?: readonly string[];
}

export interface ExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

export const DEFAULT_TIMEOUT_MS = 60_000;
/** time between SIGTERM and SIGKILL when a command is stopped */
export const KILL_GRACE_MS = 3_000;
const STDERR_TAIL_LINES = 20;

interface RunningChild {
  stop(): void;
  finished: Promise<unknown>;
}

const running = new Set<RunningChild>();

export function stderrTail(stderr: string, lines = STDERR_TAIL_LINES): string {
  return stderr.trimEnd().split(/\r?\n/).slice(-lines).join('\n').trim();
}

/**
 * Runs a tool with an argument array (never a shell). Resolves on exit code 0; otherwise rejects
 * with a ToolError whose command, stderr tail and message never contain `--set`/`--password` values.
 */
export async function runCommand(
  file: string,
  args: readonly string[],
  opts: ExecOptions = {},
): Promise<ExecResult> {
  const redacted = redactArgs(args, opts.redact);
  const command = describeCommand(file, redacted.args);
  const tool = basename(file);
  if (opts.signal?.aborted) {
    throw new ToolError({ code: 'cancelled', message: `${tool} was cancelled.`, command });
  }

  const subprocess = execa(file, args, {
    reject: false,
    detached: !IS_WINDOWS,
    windowsHide: true,
    env: opts.env,
    cwd: opts.cwd,
    ...(opts.input === undefined ? { stdin: 'ignore' as const } : { input: opts.input }),
  });

  let stopReason: 'timeout' | 'cancelled' | null = null;
  const stop = (reason: 'timeout' | 'cancelled'): void => {
    if (stopReason !== null || subprocess.pid === undefined) return;
    stopReason = reason;
    const pid = subprocess.pid;
    signalTree(pid, 'SIGTERM');
    // Not cleared on exit: a grandchild that ignores SIGTERM must still go.
    setTimeout(() => signalTree(pid, 'SIGKILL'), KILL_GRACE_MS);
  };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const timer = setTimeout(() => stop('timeout'), timeoutMs);
  const onAbort = (): void => stop('cancelled');
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  const child: RunningChild = { stop: () => stop('cancelled'), finished: subprocess };
  running.add(child);

  let result: Awaited<typeof subprocess>;
  try {
    result = await subprocess;
  } finally {
    clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    running.delete(child);
  }

  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  const tail = scrub(stderrTail(stderr), redacted.secrets);
  const exitCode = result.exitCode ?? null;
  const base = { command, exitCode, stderrTail: tail };

  if (stopReason === 'timeout') {
    const seconds = Math.round(timeoutMs / 100) / 10;
    throw new ToolError({
      ...base,
      code: 'timeout',
      message: `${tool} did not finish within ${seconds} s and was stopped.`,
    });
  }
  if (stopReason === 'cancelled') {
    throw new ToolError({ ...base, code: 'cancelled', message: `${tool} was cancelled.` });
  }
  if (result.failed && exitCode === null && result.signal === undefined) {
    throw spawnError(file, result.code, base);
  }
  if (exitCode === 0) return { stdout, stderr, exitCode };

  const known = matchStderr(tail);
  if (known) throw new ToolError({ ...base, code: known.code, message: known.message });
  const fallback =
    tail ||
    (result.signal
      ? `${tool} was terminated by ${result.signal}.`
      : `${tool} exited with code ${String(exitCode)}.`);
  throw new ToolError({ ...base, code: 'failed', message: fallback });
}

function spawnError(
  file: string,
  errno: string | undefined,
  base: { command: string; exitCode: number | null; stderrTail: string },
): ToolError {
  if (errno === 'ENOENT') {
    return new ToolError({ ...base, code: 'not-found', message: `${file} was not found.` });
  }
  if (errno === 'EACCES') {
    return new ToolError({ ...base, code: 'not-found', message: `${file} is not executable.` });
  }
  return new ToolError({
    ...base,
    code: 'failed',
    message: `${basename(file)} could not be started (${errno ?? 'unknown error'}).`,
  });
}

/** Stops every running tool and its children; resolves when all have exited. For app quit. */
export async function killAllChildren(): Promise<void> {
  const children = [...running];
  for (const child of children) child.stop();
  await Promise.allSettled(children.map((child) => child.finished));
}

/** How many tool processes are running now; for diagnostics and tests. */
export function runningChildCount(): number {
  return running.size;
}
