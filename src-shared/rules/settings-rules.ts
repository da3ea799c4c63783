// The one rule for each app-wide setting, used by the settings dialog, the IPC schema and the
// settings repository. Upper bounds keep a typo from turning a laptop cluster into a fork bomb.
import { z } from 'zod';

export type LimitKey = 'maxConcurrentProvisions' | 'maxStoresPerContext' | 'maxCreatesPerMinute';

export interface LimitRule {
  /** what the number counts, as a person would say it */
  label: string;
  min: number;
  max: number;
}

export const LIMIT_RULES: Readonly<Record<LimitKey, LimitRule>> = {
  maxConcurrentProvisions: { label: 'Provisions at once', min: 1, max: 10 },
  maxStoresPerContext: { label: 'Stores per context', min: 1, max: 500 },
  maxCreatesPerMinute: { label: 'Creations per minute', min: 1, max: 60 },
};

/** The per-minute creation limit counts the stores created in this sliding window. */
export const CREATE_RATE_WINDOW_MS = 60_000;

export function limitProblemText({ label, min, max }: LimitRule): string {
  return `${label} must be a whole number from ${min} to ${max}.`;
}

export function limitSchema(key: LimitKey): z.ZodNumber {
  const rule = LIMIT_RULES[key];
  const error = limitProblemText(rule);
  return z.number({ error }).int({ error }).min(rule.min, { error }).max(rule.max, { error });
}

export const HELM_PATH_MAX_LENGTH = 4096;

/** For a non-empty path: a sentence saying why it cannot be the helm binary, or null. */
export function helmPathProblem(path: string): string | null {
  if (path.length === 0) return 'The helm path must not be empty.';
  if (path.length > HELM_PATH_MAX_LENGTH) {
    return `The helm path can have at most ${HELM_PATH_MAX_LENGTH} characters.`;
  }
  if (path.includes('\0') || !(path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path))) {
    return 'The helm path must be an absolute path, such as /usr/local/bin/helm or C:\\helm\\helm.exe.';
  }
  return null;
}

// Pure: a bundle that uses only the plain helpers (the renderer) leaves zod out.
export const helmPathSchema = /* @__PURE__ */ z
  .string({ error: 'The helm path must be text.' })
  .superRefine((path, ctx) => {
    const problem = helmPathProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });
