// What the stores list shows, as pure functions of the stores and the view's choices (search,
// status filter, sort), so the rules are tested apart from React.
import type { Store, StoreStatus } from '../../../../src-shared/types/store-types';

export type StatusFilter = 'all' | 'ready' | 'working' | 'failed' | 'stopped';
export type SortKey = 'name' | 'status' | 'created';
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

export const STATUS_FILTERS: readonly { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All statuses' },
  { value: 'ready', label: 'Ready' },
  { value: 'working', label: 'Working' },
  { value: 'failed', label: 'Failed, cancelled or missing' },
  { value: 'stopped', label: 'Stopped' },
];

const FILTER_OF: Record<StoreStatus, Exclude<StatusFilter, 'all'> | null> = {
  Ready: 'ready',
  Queued: 'working',
  Provisioning: 'working',
  Updating: 'working',
  Deleting: 'working',
  Failed: 'failed',
  Cancelled: 'failed',
  Missing: 'failed',
  Stopped: 'stopped',
  Deleted: null,
};

/** Sorting by status puts what needs a look first and what is fine last. */
const STATUS_RANK: Record<StoreStatus, number> = {
  Failed: 0,
  Missing: 1,
  Cancelled: 2,
  Provisioning: 3,
  Updating: 4,
  Queued: 5,
  Deleting: 6,
  Stopped: 7,
  Ready: 8,
  Deleted: 9,
};

export const DEFAULT_SORT: SortOrder = { key: 'created', descending: true };

export function matchesFilter(store: Store, filter: StatusFilter): boolean {
  return filter === 'all' || FILTER_OF[store.status] === filter;
}

/** Name or address contains every word of the query, case aside. */
export function matchesQuery(store: Store, query: string): boolean {
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = `${store.name} ${store.url}`.toLowerCase();
  return words.every((w) => text.includes(w));
}

// Ordinal comparison, not localeCompare: store names are lowercase ASCII (a DNS label) and
// timestamps are ISO-8601, so code-unit order is their order, and ICU collation per comparison
// cost the 500-store list more than the rest of its first render (bench:ui).
const compareText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);
const byName = (a: Store, b: Store): number => compareText(a.name, b.name);

function compare(key: SortKey): (a: Store, b: Store) => number {
  switch (key) {
    case 'name':
      return byName;
    case 'status':
      return (a, b) => STATUS_RANK[a.status] - STATUS_RANK[b.status] || byName(a, b);
    case 'created':
      return (a, b) => compareText(a.createdAt, b.createdAt) || byName(a, b);
  }
}

export function shownStores(
  stores: readonly Store[],
  o: { query: string; filter: StatusFilter; sort: SortOrder },
): Store[] {
  // The list arrives newest first (storesOfContext): with nothing to narrow or reorder, the same
  // array goes on, and so does every row's memo.
  const untouched = o.query.trim() === '' && o.filter === 'all';
  if (untouched && o.sort.key === DEFAULT_SORT.key && o.sort.descending) return stores as Store[];
  const cmp = compare(o.sort.key);
  const order = o.sort.descending ? (a: Store, b: Store) => cmp(b, a) : cmp;
  return stores.filter((s) => matchesFilter(s, o.filter) && matchesQuery(s, o.query)).sort(order);
}

/** How many stores each filter would show (search aside), for the filter's labels. */
export function filterCounts(stores: readonly Store[]): Record<StatusFilter, number> {
  const counts: Record<StatusFilter, number> = {
    all: 0,
    ready: 0,
    working: 0,
    failed: 0,
    stopped: 0,
  };
  for (const s of stores) {
    const f = FILTER_OF[s.status];
    if (!f) continue;
    counts.all += 1;
    counts[f] += 1;
  }
  return counts;
}

/**
 * Each Queued store's place in the line, 1 first. The engine starts waiting work in the order
 * it was accepted, which for a new store is its creation time.
 */
export function queuePositions(stores: readonly Store[]): Map<string, number> {
  const queued = stores
    .filter((s) => s.status === 'Queued')
    .sort((a, b) => compareText(a.createdAt, b.createdAt) || compareText(a.id, b.id));
  return new Map(queued.map((s, i) => [s.id, i + 1]));
}

/** Milliseconds from creation to the first Ready, when the store got there. */
export function timeToReadyMs(store: Store): number | null {
  if (!store.readyAt) return null;
  const ms = Date.parse(store.readyAt) - Date.parse(store.createdAt);
  return Number.isNaN(ms) || ms < 0 ? null : ms;
}

/** The bulk actions and which statuses each applies to, as the engine allows them. */
export type BulkAction = 'stop' | 'start' | 'delete';
const ALLOWED: Record<BulkAction, (s: StoreStatus) => boolean> = {
  stop: (s) => s === 'Ready',
  start: (s) => s === 'Stopped',
  delete: (s) => s !== 'Deleting' && s !== 'Deleted',
};

export function appliesTo(action: BulkAction, stores: readonly Store[]): Store[] {
  return stores.filter((s) => ALLOWED[action](s.status));
}

/** "1st", "2nd", "3rd", "11th", "22nd" */
export function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' }[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

/** "35 s", "4 min 10 s", "1 h 2 min": a length of time as a person reads it. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h} h ${m} min`;
  if (m > 0) return `${m} min ${s} s`;
  return `${s} s`;
}
