// Pure merge rules shared by the stores state. Events and invoke results race each other
// (main may push storeUpdated before the createStore reply arrives), so every write is an
// idempotent merge rather than an assignment.
import type { Store, StoreEvent } from '../../../src-shared/types/store-types';

/** At most this many events are kept per store; a timeline needs the recent ones. */
export const MAX_EVENTS_PER_STORE = 1000;

/** True when `incoming` should replace `current`: it is not older. */
export function supersedes(incoming: Store, current: Store | undefined): boolean {
  if (!current) return true;
  const a = Date.parse(incoming.updatedAt);
  const b = Date.parse(current.updatedAt);
  // Equal timestamps can still carry a later change made within the same millisecond; the live
  // stream delivers in order, so the later arrival wins.
  return a >= b && !sameStore(incoming, current);
}

function sameStore(a: Store, b: Store): boolean {
  for (const key of Object.keys(a) as (keyof Store)[]) {
    if (a[key] !== b[key]) return false;
  }
  return true;
}

/**
 * Merges events by id, keeping them sorted and without duplicates. Returns `current` itself when
 * nothing new arrived so subscribers do not re-render.
 */
export function mergeEvents(
  current: readonly StoreEvent[] | undefined,
  incoming: readonly StoreEvent[],
): StoreEvent[] {
  const base = current ?? [];
  const last = base[base.length - 1];
  // Live events nearly always arrive in id order: append without rebuilding.
  if (incoming.length === 1 && incoming[0] && (!last || incoming[0].id > last.id)) {
    return trim([...base, incoming[0]]);
  }
  const byId = new Map<number, StoreEvent>();
  for (const e of base) byId.set(e.id, e);
  let added = false;
  for (const e of incoming) {
    if (!byId.has(e.id)) {
      byId.set(e.id, e);
      added = true;
    }
  }
  if (!added) return base as StoreEvent[];
  return trim([...byId.values()].sort((x, y) => x.id - y.id));
}

function trim(events: StoreEvent[]): StoreEvent[] {
  return events.length > MAX_EVENTS_PER_STORE
    ? events.slice(events.length - MAX_EVENTS_PER_STORE)
    : events;
}
