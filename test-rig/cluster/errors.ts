/**
 * A start-up problem a person can fix. The CLI and the vitest global setup print only
 * `message` (cause, fix and log tail), never a stack trace.
 */
export class ClusterError extends Error {
  readonly reason: string;
  readonly fix: string;
  readonly logTail: string[];

  constructor(reason: string, fix: string, logTail: string[] = []) {
    const tail = logTail.length > 0 ? `\n--- log tail ---\n${logTail.join('\n')}` : '';
    super(`${reason}\nfix: ${fix}${tail}`);
    this.name = 'ClusterError';
    this.reason = reason;
    this.fix = fix;
    this.logTail = logTail;
  }
}

export function describeError(error: unknown): string {
  if (error instanceof ClusterError) return `test cluster: ${error.message}`;
  if (error instanceof Error) return `test cluster: ${error.message}`;
  return `test cluster: ${String(error)}`;
}
