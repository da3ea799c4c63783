import { errorText, statusCode } from './client';

export class WaitTimeoutError extends Error {
  constructor(
    readonly what: string,
    readonly lastState: string | undefined,
    readonly timeoutMs: number,
  ) {
    super(
      `timed out after ${formatDuration(timeoutMs)} waiting for ${what}` +
        (lastState ? `; last seen: ${lastState}` : ''),
    );
    this.name = 'WaitTimeoutError';
  }
}

/** Thrown when the caller's AbortSignal fires; named like the platform's AbortError. */
export class WaitAbortedError extends Error {
  constructor(
    readonly what: string,
    options?: ErrorOptions,
  ) {
    super(`stopped waiting for ${what}: cancelled`, options);
    this.name = 'AbortError';
  }
}

export interface WaitUntilOptions {
  timeoutMs: number;
  intervalMs?: number;
  signal?: AbortSignal;
  /** what is awaited, in words; used in timeout and cancel messages */
  what: string;
  /** the latest observation, in words, for the timeout message */
  lastState?: () => string;
}

const DEFAULT_INTERVAL_MS = 400;

/**
 * Calls `check` until it returns something other than undefined, the deadline passes, or the
 * signal aborts. Network hiccups, 429 and 5xx answers are retried until the deadline; any other
 * error thrown by `check` ends the wait with that error, because asking again will not help.
 */
export async function waitUntil<T>(
  check: () => Promise<T | undefined>,
  o: WaitUntilOptions,
): Promise<T> {
  const deadline = Date.now() + o.timeoutMs;
  const interval = o.intervalMs ?? DEFAULT_INTERVAL_MS;
  let lastError: string | undefined;
  const state = (): string | undefined => {
    const seen = o.lastState?.();
    if (seen && lastError) return `${seen} (last check failed: ${lastError})`;
    return seen || (lastError ? `last check failed: ${lastError}` : undefined);
  };
  for (;;) {
    if (o.signal?.aborted) throw new WaitAbortedError(o.what, { cause: o.signal.reason });
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new WaitTimeoutError(o.what, state(), o.timeoutMs);
    try {
      const outcome = await bounded(check(), remaining, o.signal);
      // The loop head turns an expired deadline or an abort into the right error.
      if (outcome.kind !== 'value') continue;
      if (outcome.value !== undefined) return outcome.value;
      lastError = undefined;
    } catch (error) {
      if (!isRetryable(error)) throw error;
      lastError = errorText(error);
    }
    await sleep(Math.min(interval, Math.max(0, deadline - Date.now())), o.signal);
  }
}

/** Transport trouble and overload are worth another try; a definite answer or a bug is not. */
export function isRetryable(error: unknown): boolean {
  const code = statusCode(error);
  if (code !== undefined) return code === 429 || code >= 500;
  if (!(error instanceof Error)) return false;
  if (error.name === 'FetchError') return true;
  const sys =
    (error as { code?: unknown }).code ?? (error.cause as { code?: unknown } | undefined)?.code;
  return typeof sys === 'string' && /^(E[A-Z]+|UND_ERR_\w+)$/.test(sys);
}

type Outcome<T> = { kind: 'value'; value: T } | { kind: 'timeout' } | { kind: 'aborted' };

/** Races one check against the deadline and the signal, so a hung request cannot stall the wait. */
async function bounded<T>(
  p: Promise<T>,
  ms: number,
  signal: AbortSignal | undefined,
): Promise<Outcome<T>> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<Outcome<T>>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'timeout' }), ms);
    onAbort = () => resolve({ kind: 'aborted' });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
  try {
    return await Promise.race([p.then((value): Outcome<T> => ({ kind: 'value', value })), stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/** Resolves after ms, or early when the signal aborts (the loop then reports the abort). */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
  });
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const s = Math.round(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60 ? `${s % 60} s` : ''}`.trim();
}
