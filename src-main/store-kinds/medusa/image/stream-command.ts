// Runs docker or k3d for the image step: an argument array (never a shell), its output read
// line by line as it comes, one progress line at most per interval (a build prints thousands),
// the last lines kept for an error's details, and the whole process group stopped on cancel
// or timeout.
import { execa } from 'execa';
import { IS_WINDOWS, stopTreeOnAbortOrTimeout } from '../../../tools/process-tree';

/** The longest progress line passed on; longer ones are cut. */
export const PROGRESS_LINE_MAX = 200;
/** How many of the last output lines are kept for an error's details. */
export const TAIL_LINES = 30;

export interface StreamCommandOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  signal?: AbortSignal;
  timeoutMs: number;
  /** each output line, cleaned; empty results are dropped */
  clean?: (line: string) => string;
  progress?: (line: string) => void;
  /** at most one progress line per this many ms; 0 passes every line on */
  progressIntervalMs: number;
}

export interface StreamCommandResult {
  /** null when the program could not be started or was stopped by a signal */
  exitCode: number | null;
  /** why it was stopped by us, if it was */
  stopped: 'cancelled' | 'timeout' | null;
  /** the program could not be started (not found, not executable) */
  spawnFailed: boolean;
  /** the last TAIL_LINES cleaned lines of stdout and stderr together */
  tail: string[];
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;

export function plainLine(raw: string): string {
  return raw.replace(ANSI, '').trim();
}

function bounded(line: string): string {
  return line.length > PROGRESS_LINE_MAX ? `${line.slice(0, PROGRESS_LINE_MAX - 1)}…` : line;
}

export async function streamCommand(
  file: string,
  args: readonly string[],
  opts: StreamCommandOptions,
): Promise<StreamCommandResult> {
  const clean = opts.clean ?? plainLine;
  const tail: string[] = [];
  let lastSent = Number.NEGATIVE_INFINITY;
  let unsent: string | null = null;
  const take = (raw: string): void => {
    const line = clean(raw);
    if (line === '') return;
    tail.push(line);
    if (tail.length > TAIL_LINES) tail.shift();
    const now = Date.now();
    if (now - lastSent >= opts.progressIntervalMs) {
      lastSent = now;
      unsent = null;
      opts.progress?.(bounded(line));
    } else {
      unsent = line;
    }
  };

  const subprocess = execa(file, args, {
    reject: false,
    all: true,
    detached: !IS_WINDOWS,
    windowsHide: true,
    stdin: 'ignore',
    env: opts.env,
    cwd: opts.cwd,
  });
  const stopper = stopTreeOnAbortOrTimeout(subprocess.pid, opts);
  let pending = '';
  subprocess.all?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split(/\r?\n|\r/);
    pending = lines.pop() ?? '';
    for (const line of lines) take(line);
  });
  let result: Awaited<typeof subprocess>;
  try {
    result = await subprocess;
  } finally {
    stopper.done();
  }
  const stopped = stopper.stopped();
  if (pending !== '') take(pending);
  // The last line always reaches the listener, even when the interval held it back.
  if (unsent !== null && stopped === null) opts.progress?.(bounded(unsent));
  return {
    exitCode: result.exitCode ?? null,
    stopped,
    spawnFailed: result.failed && result.exitCode === undefined && result.signal === undefined,
    tail,
  };
}
