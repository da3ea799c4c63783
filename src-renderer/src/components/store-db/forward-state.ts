import { create } from 'zustand';
import type { StoreDbConnection } from '../../../../src-shared/ipc/contract';

/**
 * The database forward the open store page holds, so it survives switching the page's tabs.
 * It never holds the password: that lives only in the panel that revealed it.
 */
interface ForwardState {
  byStore: Record<string, StoreDbConnection>;
  set(storeId: string, connection: StoreDbConnection | null): void;
}

export const useDbForwards = create<ForwardState>((setState) => ({
  byStore: {},
  set: (storeId, connection) =>
    setState((s) => {
      const byStore = { ...s.byStore };
      if (connection) byStore[storeId] = connection;
      else delete byStore[storeId];
      return { byStore };
    }),
}));
