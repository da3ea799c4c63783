export type ToolErrorCode =
  | 'not-found'
  | 'timeout'
  | 'cancelled'
  | 'failed'
  | 'quota-exceeded'
  | 'release-exists'
  | 'release-not-found'
  | 'context-not-found'
  | 'connection-refused'
  | 'unauthorized'
  | 'kube-version'
  | 'invalid-values';

export interface ToolErrorInit {
  code: ToolErrorCode;
  message: string;
  /** tool basename and arguments, secrets already redacted */
  command: string;
  exitCode?: number | null;
  stderrTail?: string;
}

/** The one error type for external tools: plain data, safe to log and to send to the UI. */
export class ToolError extends Error {
  readonly code: ToolErrorCode;
  readonly command: string;
  readonly exitCode: number | null;
  readonly stderrTail: string;

  constructor(init: ToolErrorInit) {
    super(init.message);
    this.name = 'ToolError';
    this.code = init.code;
    this.command = init.command;
    this.exitCode = init.exitCode ?? null;
    this.stderrTail = init.stderrTail ?? '';
  }
}

export function isToolError(error: unknown, code?: ToolErrorCode): error is ToolError {
  return error instanceof ToolError && (code === undefined || error.code === code);
}
