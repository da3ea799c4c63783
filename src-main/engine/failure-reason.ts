import { isToolError } from '../tools/tool-error';

export const LOG_TAIL_LINES = 50;

function logTailOf(error: unknown): string[] | null {
  if (typeof error !== 'object' || error === null || !('logTail' in error)) return null;
  const tail = error.logTail;
  return Array.isArray(tail) ? tail.filter((l): l is string => typeof l === 'string') : null;
}

/** A sentence a user can act on, from whatever a step threw; the caller redacts it. */
export function failureReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const tail = logTailOf(error);
  if (tail !== null) {
    const lines = tail.slice(-LOG_TAIL_LINES);
    return lines.length === 0
      ? `${message} (the Job left no log output)`
      : `${message}\nLast ${lines.length} log lines:\n${lines.join('\n')}`;
  }
  if (
    isToolError(error) &&
    error.code === 'failed' &&
    error.stderrTail &&
    !message.includes(error.stderrTail)
  ) {
    return `${message}\n${error.stderrTail}`;
  }
  return message;
}

/** True for the wait helpers' deadline error, whichever module threw it. */
export function isWaitTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'WaitTimeoutError';
}
