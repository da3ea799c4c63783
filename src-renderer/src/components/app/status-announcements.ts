import type { Store } from '../../../../src-shared/types/store-types';
import { STEP_LABEL } from '../../lib/status';

/**
 * The sentence a screen reader hears when a store reaches an outcome: Ready, Failed, Missing,
 * Stopped or Deleted. Steps on the way (Queued, Provisioning, Updating, Deleting) are what the
 * person just asked for, so they are not announced.
 */
export function statusAnnouncement(store: Store): string | null {
  const name = `Store ${store.name}`;
  switch (store.status) {
    case 'Ready':
      return `${name} is Ready.`;
    case 'Failed':
      return store.step ? `${name} failed at ${STEP_LABEL[store.step]}.` : `${name} failed.`;
    case 'Missing':
      return `${name} is missing from the cluster.`;
    case 'Stopped':
      return `${name} is stopped.`;
    case 'Deleted':
      return `${name} was deleted.`;
    default:
      return null;
  }
}

/**
 * What to announce between two versions of the stores: stores of `context` already known before
 * whose status changed. A store seen for the first time (the first snapshot, another context's
 * list) says nothing: its status is not news.
 */
export function announcementsBetween(
  before: Record<string, Store>,
  after: Record<string, Store>,
  context: string | null,
): string[] {
  if (before === after || context === null) return [];
  const out: string[] = [];
  for (const [id, store] of Object.entries(after)) {
    const was = before[id];
    if (!was || was.status === store.status || store.context !== context) continue;
    const sentence = statusAnnouncement(store);
    if (sentence) out.push(sentence);
  }
  return out;
}
