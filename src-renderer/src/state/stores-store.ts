import { create } from 'zustand';
import type { Store, StoreEvent } from '../../../src-shared/types/store-types';
import { mergeEvents, supersedes } from './merge';
import { markSnapshotApply } from './perf-marks';

export interface StoresState {
  byId: Record<string, Store>;
  /** local clock time each store was last written, to reconcile snapshots with live updates */
  seenAt: Record<string, number>;
  events: Record<string, StoreEvent[]>;
  /** contexts whose list has been fetched at least once */
  loaded: Record<string, boolean>;
  upsert: (store: Store) => void;
  /**
   * Applies a `listStores` snapshot. Stores of that context missing from the snapshot are
   * dropped, unless they were written after the snapshot was requested (created meanwhile).
   */
  applySnapshot: (context: string, stores: Store[], requestedAt: number) => void;
  appendEvents: (events: StoreEvent[]) => void;
  reset: () => void;
}

const initial = () => ({ byId: {}, seenAt: {}, events: {}, loaded: {} });

export const useStores = create<StoresState>()((set) => ({
  ...initial(),
  upsert: (store) =>
    set((s) => {
      if (!supersedes(store, s.byId[store.id])) return s;
      return {
        byId: { ...s.byId, [store.id]: store },
        seenAt: { ...s.seenAt, [store.id]: Date.now() },
      };
    }),
  applySnapshot: (context, stores, requestedAt) => {
    markSnapshotApply();
    set((s) => {
      const byId = { ...s.byId };
      const seenAt = { ...s.seenAt };
      const present = new Set(stores.map((st) => st.id));
      for (const [id, existing] of Object.entries(byId)) {
        if (existing.context === context && !present.has(id) && (seenAt[id] ?? 0) < requestedAt) {
          delete byId[id];
          delete seenAt[id];
        }
      }
      const now = Date.now();
      for (const store of stores) {
        if (supersedes(store, byId[store.id])) {
          byId[store.id] = store;
          seenAt[store.id] = now;
        }
      }
      return { byId, seenAt, loaded: { ...s.loaded, [context]: true } };
    });
  },
  appendEvents: (incoming) =>
    set((s) => {
      const grouped = new Map<string, StoreEvent[]>();
      for (const e of incoming) grouped.set(e.storeId, [...(grouped.get(e.storeId) ?? []), e]);
      let events = s.events;
      for (const [storeId, list] of grouped) {
        const merged = mergeEvents(events[storeId], list);
        if (merged !== events[storeId]) events = { ...events, [storeId]: merged };
      }
      return events === s.events ? s : { events };
    }),
  reset: () => set(initial()),
}));

const ORDER_NEWEST_FIRST = (a: Store, b: Store): number =>
  b.createdAt.localeCompare(a.createdAt) || a.name.localeCompare(b.name);

/** Visible stores of one context, newest first; deleted ones are kept only as tombstones. */
export function storesOfContext(byId: Record<string, Store>, context: string | null): Store[] {
  if (!context) return [];
  return Object.values(byId)
    .filter((s) => s.context === context && s.status !== 'Deleted')
    .sort(ORDER_NEWEST_FIRST);
}
