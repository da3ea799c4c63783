import { setTimeout as sleep } from 'node:timers/promises';
import { TLS_CERTIFICATE_CODES } from './http-exchange';
import { StorefrontError } from './storefront-error';

const RETRY_EVERY_MS = 1_000;

/** Which failed stages may only mean that the way in is not ready yet. */
export interface WarmUpStages {
  /** stages whose 502/503/504 (no endpoints yet), and bare 404 unless `bare404` says otherwise, are retried */
  stages: ReadonlySet<string>;
  /** stages whose bare 404 (a route the ingress does not have yet) is retried; `stages` when absent */
  bare404?: ReadonlySet<string>;
}

/**
 * Right after a store turns Ready, the way in may not be ready yet: a fresh k3d load balancer
 * accepts connections and closes them (ECONNRESET, "socket hang up") until Traefik serves; the
 * ingress may not route the host yet (a bare 404, with no error code from the store) or see no
 * endpoints (502/503/504); and with cert-manager the certificate is Traefik's self-signed
 * default until the real one is issued.
 */
export function wayInWarmingUp(error: unknown, o: WarmUpStages): boolean {
  if (!(error instanceof StorefrontError)) return false;
  // instanceof leaves the stage list open (any); every stage is a string.
  const stage: string = (error as StorefrontError).stage;
  if (stage === 'connect') {
    const code = error.code ?? '';
    return (
      code === 'ServiceUnavailable' || code === 'ECONNRESET' || TLS_CERTIFICATE_CODES.has(code)
    );
  }
  if (!o.stages.has(stage)) return false;
  if (error.status === 404) return error.code === null && (o.bare404 ?? o.stages).has(stage);
  return error.status === 502 || error.status === 503 || error.status === 504;
}

/**
 * Runs `attempt` again, every second until `deadline`, while it fails only because the way in
 * is warming up, and only until it calls `committed()` (just before its first request that
 * changes the store), so a retry can never place a second order.
 */
export async function retryWhileWarmingUp<T>(
  attempt: (committed: () => void) => Promise<T>,
  o: WarmUpStages & { deadline: number; signal?: AbortSignal },
): Promise<T> {
  for (;;) {
    let committed = false;
    try {
      return await attempt(() => {
        committed = true;
      });
    } catch (error) {
      if (committed || !wayInWarmingUp(error, o) || Date.now() + RETRY_EVERY_MS >= o.deadline) {
        throw error;
      }
      await sleep(RETRY_EVERY_MS, undefined, { signal: o.signal });
    }
  }
}
