// One line of a container's log as a person reads it: colours gone, length capped, the
// Kubernetes timestamp split off, every secret of the store blanked out.

// A log line can be megabytes (a dumped SQL statement); a person needs far less.
export const MAX_LINE_CHARS = 2_000;
// eslint-disable-next-line no-control-regex -- terminal colour codes are exactly what is stripped
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
// RFC 3339 with optional fraction, as the API's timestamps=true puts before each line.
const STAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})) (.*)$/s;

export interface LogText {
  /** when the container wrote it, as the API said; null when the line carried no timestamp */
  at: string | null;
  text: string;
}

/** Splits the API's timestamp off, strips colour codes, caps the length and redacts. */
export function cleanLogLine(raw: string, redact: (text: string) => string): LogText {
  const match = STAMP.exec(raw);
  const at = match?.[1] ?? null;
  const body = (match?.[2] ?? raw).replace(ANSI, '').replace(/\r$/, '');
  // Redacted before the cut, so that a cut never leaves half a secret that no longer matches.
  const clean = redact(body);
  return {
    at,
    text: clean.length > MAX_LINE_CHARS ? `${clean.slice(0, MAX_LINE_CHARS)}…` : clean,
  };
}

/**
 * Cuts a byte stream into lines; a line arriving in several chunks is kept until its end. A
 * line longer than the cap is flushed early so one endless line cannot grow memory.
 */
export class LineSplitter {
  private rest = '';

  constructor(private readonly onLine: (line: string) => void) {}

  push(chunk: string): void {
    const parts = (this.rest + chunk).split('\n');
    this.rest = parts.pop() ?? '';
    for (const line of parts) this.onLine(line);
    if (this.rest.length > MAX_LINE_CHARS * 4) {
      this.onLine(this.rest);
      this.rest = '';
    }
  }

  end(): void {
    if (this.rest !== '') this.onLine(this.rest);
    this.rest = '';
  }
}
