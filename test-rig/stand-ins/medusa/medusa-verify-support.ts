// Test support for the Medusa verifier: targets on the LOCAL STAND-IN of a Medusa server, and
// the check that no secret reached an error.
import { inspect } from 'node:util';
import { caseTarget } from '../woocommerce/stand-in-case-support';
import type { MedusaVerifyTarget } from '../../../src-main/store-kinds/medusa/verify-medusa-store';

export interface MemoryCheckpoint {
  get(): string | undefined;
  set(id: string | undefined): void;
  /** every value set, in order */
  history: (string | undefined)[];
}

export function memoryCheckpoint(initial?: string): MemoryCheckpoint {
  let kept = initial;
  const history: (string | undefined)[] = [];
  return {
    get: () => kept,
    set(id) {
      kept = id;
      history.push(id);
    },
    history,
  };
}

/** A verify target whose port-forward fallback cannot work (no kubeconfig), 3 s budget. */
export function medusaTarget(
  url: string,
  admin: { email: string; password: string },
  o: { checkpoint?: MemoryCheckpoint; timeoutMs?: number } = {},
): MedusaVerifyTarget {
  return {
    ...caseTarget(url, o.timeoutMs),
    service: 'shop-medusa',
    admin,
    checkpoint: o.checkpoint,
  };
}

/** The secrets found anywhere in the error: message, stack, causes, own fields. */
export function secretsIn(error: unknown, secrets: readonly string[]): string[] {
  const text = `${String(error)}\n${inspect(error, { depth: 8 })}\n${JSON.stringify(error)}`;
  return secrets.filter((s) => s.length > 0 && text.includes(s));
}
