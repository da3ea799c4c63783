// The latest resource figures main gave, per store, and whether the cluster has metrics-server.
// Entries are replaced only when their figures change, so a row re-renders only for its own.
import { create } from 'zustand';
import type { StoreResources, StoreResourceUse } from '../../../../src-shared/ipc/contract';

interface ResourcesState {
  byStore: Record<string, StoreResourceUse>;
  /** per context: available, absent or unavailable, with the sentence to show once */
  status: Record<string, Pick<StoreResources, 'metrics' | 'message'>>;
  receive(context: string, result: StoreResources): void;
}

const same = (a: StoreResourceUse | undefined, b: StoreResourceUse): boolean =>
  a !== undefined && JSON.stringify(a) === JSON.stringify(b);

export const useResources = create<ResourcesState>()((set) => ({
  byStore: {},
  status: {},
  receive: (context, result) =>
    set((state) => {
      let byStore = state.byStore;
      for (const use of result.stores) {
        if (same(byStore[use.storeId], use)) continue;
        if (byStore === state.byStore) byStore = { ...state.byStore };
        byStore[use.storeId] = use;
      }
      const before = state.status[context];
      const status =
        before?.metrics === result.metrics && before.message === result.message
          ? state.status
          : { ...state.status, [context]: { metrics: result.metrics, message: result.message } };
      return byStore === state.byStore && status === state.status ? state : { byStore, status };
    }),
}));
