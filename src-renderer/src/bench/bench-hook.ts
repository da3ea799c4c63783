// Under `?bench` the UI benchmark needs to hand the page a whole snapshot without a round trip,
// to time a 500-row re-render alone. Only a bench build has this hook (see bench-build.ts): the
// product's bundle does not contain it. Anyone who can load the page with ?bench already holds
// the token and the full api, so even there it exposes nothing new.
import type { Store } from '../../../src-shared/types/store-types';
import { useStores } from '../state/stores-store';

export interface BenchHook {
  /** The same path a listStores reply takes, as if the reply had just arrived. */
  applySnapshot: (context: string, stores: Store[]) => void;
}

export function installBenchHook(win: { location: { search: string } } & BenchTarget): boolean {
  // Written out, not a helper call, so the product's build drops the rest (bench-build.ts).
  if (import.meta.env.MODE !== 'bench') return false;
  if (!new URLSearchParams(win.location.search).has('bench')) return false;
  win.storefleetBench = {
    applySnapshot: (context, stores) =>
      useStores.getState().applySnapshot(context, stores, Date.now()),
  };
  return true;
}

interface BenchTarget {
  storefleetBench?: BenchHook;
}
