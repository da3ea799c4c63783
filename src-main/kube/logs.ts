import type { KubeClients } from './client';
import { errorText } from './client';

export interface LogTailOptions {
  /** which container; the API picks the only one when omitted */
  container?: string;
  /** strings to blank out (e.g. generated passwords), in case a script echoed them */
  redact?: readonly string[];
}

// A log line can be megabytes (a dumped SQL statement); a tail for a person needs far less.
const LIMIT_BYTES = 256 * 1024;
const MAX_LINE_CHARS = 2_000;
// eslint-disable-next-line no-control-regex -- terminal colour codes are exactly what is stripped
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;

/**
 * The last `lines` lines a pod's container wrote. Never throws: when the logs cannot be read
 * (pod gone, node not serving logs) the result is a single line saying so, because a missing
 * tail must not hide the failure it was meant to explain.
 */
export async function readPodLogTail(
  c: KubeClients,
  ns: string,
  pod: string,
  lines: number,
  o: LogTailOptions = {},
): Promise<string[]> {
  try {
    const text = await c.core.readNamespacedPodLog({
      name: pod,
      namespace: ns,
      container: o.container,
      tailLines: lines,
      limitBytes: LIMIT_BYTES,
    });
    const all = String(text).replace(ANSI, '').split(/\r?\n/);
    if (all.at(-1) === '') all.pop();
    return all.slice(-lines).map((line) => redact(truncate(line), o.redact));
  } catch (error) {
    return [`(logs of pod ${pod} could not be read: ${redact(errorText(error), o.redact)})`];
  }
}

function truncate(line: string): string {
  return line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
}

export function redact(text: string, secrets: readonly string[] | undefined): string {
  let out = text;
  for (const secret of secrets ?? []) {
    // Short strings would blank out ordinary words and prove nothing.
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}
