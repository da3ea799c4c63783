import { systemErrorSentence, withoutErrorClass } from '../../src-shared/ipc/system-errors';
import { isToolError } from '../tools/tool-error';

export const LOG_TAIL_LINES = 50;
/** The most of a tool's output a store keeps behind "Details". */
export const DETAILS_MAX_CHARS = 4_000;
/** A summary longer than this is cut at a word. */
const SUMMARY_MAX_CHARS = 200;

/** Why a step failed: one sentence for the store's row, and what the tool said, for Details. */
export interface FailureSummary {
  reason: string;
  /** the tool's output or the Job's log tail; null when it adds nothing to `reason` */
  details: string | null;
}

function logTailOf(error: unknown): string[] | null {
  if (typeof error !== 'object' || error === null || !('logTail' in error)) return null;
  const tail = error.logTail;
  return Array.isArray(tail) ? tail.filter((l): l is string => typeof l === 'string') : null;
}

/** The whole story (sentence and output) as one text; the caller redacts it. */
export function failureReason(error: unknown): string {
  const { reason, details } = summarizeFailure(error);
  return details === null ? reason : `${reason}\n${details}`;
}

/** One sentence a user can act on, and the output behind it, from whatever a step threw. */
export function summarizeFailure(error: unknown): FailureSummary {
  const message = error instanceof Error ? error.message : String(error);
  const tail = logTailOf(error);
  if (tail !== null) {
    const lines = tail.slice(-LOG_TAIL_LINES);
    return lines.length === 0
      ? { reason: oneSentence(`${message} (the Job left no log output)`), details: null }
      : {
          reason: oneSentence(message),
          details: `Last ${lines.length} log lines:\n${lines.join('\n')}`,
        };
  }
  const output =
    isToolError(error) && error.stderrTail && !message.includes(error.stderrTail)
      ? `${message}\n${error.stderrTail}`
      : message;
  // A raw system error ("connect ECONNREFUSED …") is said in words; the raw text stays in Details.
  const reason = oneSentence(
    knownHelmFailure(output) ?? systemErrorSentence(message) ?? withoutErrorClass(message),
  );
  return { reason, details: output.trim() === reason ? null : output.trim() };
}

/** `details` redacted by the caller, then cut to DETAILS_MAX_CHARS keeping the end (the error). */
export function capDetails(details: string | null): string | null {
  if (details === null || details.length <= DETAILS_MAX_CHARS) return details;
  const note = `[${details.length - DETAILS_MAX_CHARS} earlier characters left out]\n`;
  return note + details.slice(details.length - (DETAILS_MAX_CHARS - note.length));
}

const IMMUTABLE = /cannot patch "([^"]+)" with kind (\w+)[\s\S]*?field is immutable/;

/** Helm failures whose raw text is a wall of Go structs, said in a sentence. */
function knownHelmFailure(text: string): string | null {
  const immutable = IMMUTABLE.exec(text);
  if (immutable) {
    return `Helm could not change the ${immutable[2] ?? 'object'} ${immutable[1] ?? ''}, because Kubernetes does not allow its template to change once it exists.`;
  }
  return null;
}

const HELM_PREFIX =
  /^(?:Error:\s*)?(?:(?:UPGRADE|INSTALLATION|ROLLBACK|UNINSTALLATION) FAILED:\s*)?/i;

/**
 * The first line of `text`, without Helm's "Error: UPGRADE FAILED:" prefix or the Go object
 * dumps that follow, cut at a word when long, with a capital and a full stop.
 */
export function oneSentence(text: string): string {
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '') ?? text;
  let s = first.trim().replace(HELM_PREFIX, '');
  const dump = s.indexOf('{');
  if (dump > 20) s = s.slice(0, dump).replace(/[\s:,(]+$/, '');
  if (s.length > SUMMARY_MAX_CHARS) {
    const cut = s.slice(0, SUMMARY_MAX_CHARS);
    const space = cut.lastIndexOf(' ');
    s = `${(space > SUMMARY_MAX_CHARS / 2 ? cut.slice(0, space) : cut).replace(/[\s:,;]+$/, '')}…`;
  }
  if (s === '') return 'The step failed without saying why.';
  s = s.charAt(0).toUpperCase() + s.slice(1);
  return /[.!?…)]$/.test(s) ? s : `${s}.`;
}

/** True for the wait helpers' deadline error, whichever module threw it. */
export function isWaitTimeout(error: unknown): boolean {
  return error instanceof Error && error.name === 'WaitTimeoutError';
}
