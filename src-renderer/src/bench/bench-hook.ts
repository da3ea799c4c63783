// Under `?bench` the UI benchmark needs to hand the page a whole snapshot without a round trip,
// to time a 500-row re-render alone. Anyone who can load the page with ?bench already holds the
// token and the full api, so this exposes nothing new; Electron never loads the page with it.
import type { Store } from '../../../src-shared/types/store-types';
import { useStores } from '../state/stores-store';

export interface BenchHook {
  /** The same path a listStores reply takes, as if the reply had just arrived. */
  applySnapshot: (context: string, stores: Store[]) => void;
}

export function installBenchHook(win: { location: { search: string } } & BenchTarget): boolean {
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
