import { lastProbe, useApp } from '../state/app-store';

/**
 * Whether the store's cluster answered its last health check: true or false once probed, null
 * while unknown. A probe under way keeps the last answer, so buttons do not flicker.
 */
export function useContextReachable(context: string | undefined): boolean | null {
  return useApp((s) => {
    if (!context) return null;
    const probe = lastProbe(s.probes[context]);
    return probe ? probe.reachable : null;
  });
}
