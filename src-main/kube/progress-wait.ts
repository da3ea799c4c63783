import { waitUntil } from './wait';

export interface WaitOpts {
  timeoutMs: number;
  signal?: AbortSignal;
  /** called with a one-line state each time it changes, e.g. "mariadb: 0/1 ready (pod pending: …)" */
  onProgress?: (message: string) => void;
  /** how often to look; 400 ms unless the caller knows a look is cheap */
  pollMs?: number;
}

export interface Observation {
  done: boolean;
  /** e.g. "mariadb: 0/1 ready" */
  summary: string;
  /** extra API calls that name what is wrong; run only while not done, and not on every poll */
  diagnose?: () => Promise<string | undefined>;
}

const POLL_MS = 400;
const DIAGNOSE_EVERY_MS = 1_500;

/** Polls `observe` until done, reporting changes and keeping the latest diagnosis for a timeout. */
export async function waitWithDiagnosis(
  what: string,
  o: WaitOpts,
  observe: () => Promise<Observation>,
): Promise<void> {
  let summary = 'not observed yet';
  let detail: string | undefined;
  let diagnosedAt = 0;
  let reported = '';
  const state = (): string => (detail ? `${summary} (${detail})` : summary);
  const report = (): void => {
    const now = state();
    if (now === reported) return;
    reported = now;
    o.onProgress?.(now);
  };
  await waitUntil(
    async () => {
      const seen = await observe();
      summary = seen.summary;
      if (seen.done) {
        detail = undefined;
        report();
        return true;
      }
      if (seen.diagnose && Date.now() - diagnosedAt >= DIAGNOSE_EVERY_MS) {
        diagnosedAt = Date.now();
        // Diagnosis only decorates the message; failing to get one must not fail the wait.
        detail = await seen.diagnose().catch(() => detail);
      }
      report();
      return undefined;
    },
    {
      what,
      timeoutMs: o.timeoutMs,
      signal: o.signal,
      intervalMs: o.pollMs ?? POLL_MS,
      lastState: state,
    },
  );
}
