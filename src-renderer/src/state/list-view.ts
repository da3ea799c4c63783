// The stores list's own view state: search, status filter, sort and the rows ticked for a bulk
// action. Kept out of the stores state so typing a query never touches the data.
import { create } from 'zustand';
import {
  DEFAULT_SORT,
  type SortKey,
  type SortOrder,
  type StatusFilter,
} from '../components/stores/list-model';

export interface ListViewState {
  query: string;
  filter: StatusFilter;
  sort: SortOrder;
  /** ids of the ticked rows; a new Set on every change so selectors see it */
  ticked: ReadonlySet<string>;
  setQuery: (query: string) => void;
  setFilter: (filter: StatusFilter) => void;
  /** the same key again flips the direction; a new key starts in its natural direction */
  sortBy: (key: SortKey) => void;
  toggle: (storeId: string) => void;
  tickOnly: (storeIds: readonly string[]) => void;
  reset: () => void;
}

const initial = () => ({
  query: '',
  filter: 'all' as StatusFilter,
  sort: DEFAULT_SORT,
  ticked: new Set<string>() as ReadonlySet<string>,
});

export const useListView = create<ListViewState>()((set) => ({
  ...initial(),
  setQuery: (query) => set({ query }),
  setFilter: (filter) => set({ filter }),
  sortBy: (key) =>
    set((s) => ({
      sort:
        s.sort.key === key
          ? { key, descending: !s.sort.descending }
          : { key, descending: key === 'created' },
    })),
  toggle: (storeId) =>
    set((s) => {
      const ticked = new Set(s.ticked);
      if (!ticked.delete(storeId)) ticked.add(storeId);
      return { ticked };
    }),
  tickOnly: (storeIds) => set({ ticked: new Set(storeIds) }),
  reset: () => set(initial()),
}));
