// How close a context is to the creation limits main enforces (src-main/engine/create-limits),
// from the stores the page already knows, so the dialog can say so before anything is submitted.
// Main stays the judge: the page can only know fewer creations than main, never more, so a
// limit it sees as reached is reached.
import { CREATE_RATE_WINDOW_MS } from '../../../../src-shared/rules/settings-rules';
import type { Settings } from '../../../../src-shared/types/service-types';
import type { Store } from '../../../../src-shared/types/store-types';

export interface CreateLimits {
  /** stores that count toward the cap: all but Deleted and Missing, as main counts them */
  active: number;
  maxStores: number;
  /** stores created in the last minute, deleted ones included */
  recent: number;
  maxPerMinute: number;
  /** when the oldest creation of a full window leaves it (ms since epoch); null if not full */
  nextSlotAt: number | null;
}

export function createLimits(
  stores: Iterable<Store>,
  context: string,
  settings: Pick<Settings, 'maxStoresPerContext' | 'maxCreatesPerMinute'>,
  now: number,
): CreateLimits {
  let active = 0;
  const recent: number[] = [];
  for (const s of stores) {
    if (s.context !== context) continue;
    if (s.status !== 'Deleted' && s.status !== 'Missing') active += 1;
    const created = Date.parse(s.createdAt);
    // Main counts a creation while created_at >= now - window, so it frees up 1 ms after.
    if (created >= now - CREATE_RATE_WINDOW_MS) recent.push(created);
  }
  recent.sort((a, b) => a - b);
  const full = recent.length >= settings.maxCreatesPerMinute;
  // The slot frees up when enough of the oldest creations have left the window.
  const freeing = recent[recent.length - settings.maxCreatesPerMinute];
  return {
    active,
    maxStores: settings.maxStoresPerContext,
    recent: recent.length,
    maxPerMinute: settings.maxCreatesPerMinute,
    nextSlotAt: full && freeing !== undefined ? freeing + CREATE_RATE_WINDOW_MS + 1 : null,
  };
}

/** A sentence saying why no store can be created now, or null. */
export function limitBlock(l: CreateLimits, now: number, context: string): string | null {
  if (l.active >= l.maxStores) {
    return `${context} has ${l.active} of ${l.maxStores} stores, the most allowed. Delete a store or raise the limit in Settings.`;
  }
  if (l.nextSlotAt !== null && l.nextSlotAt > now) {
    const s = Math.max(1, Math.round((l.nextSlotAt - now) / 1000));
    return `${l.maxPerMinute} stores were created in the last minute, the most allowed. The next one can be created in ${s} s.`;
  }
  return null;
}
