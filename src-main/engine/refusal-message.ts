// The sentence a user reads when an action is refused in a store's current status. It names the
// store and the action in words, never the action's identifier.
import type { StoreStatus } from '../../src-shared/types/store-types';

const DONE: Record<string, string> = {
  cancel: 'cancelled',
  retry: 'retried',
  delete: 'deleted',
  upgrade: 'upgraded',
  rollback: 'rolled back',
  stop: 'stopped',
  start: 'started',
  forget: 'forgotten',
};

/** "Ready, Failed or Cancelled" */
export function statusList(statuses: readonly StoreStatus[]): string {
  if (statuses.length <= 1) return statuses.join('');
  return `${statuses.slice(0, -1).join(', ')} or ${statuses.at(-1) ?? ''}`;
}

export function refusalMessage(
  action: string,
  storeName: string,
  status: StoreStatus,
  allowed: readonly StoreStatus[],
): string {
  const when = allowed.length > 0 ? ` That is possible when it is ${statusList(allowed)}.` : '';
  if (action === 'history') {
    return `The revisions of ${storeName} cannot be read while it is ${status}.${when.replace('That is possible', 'They can be read')}`;
  }
  if (action === 'reveal') {
    return `The admin login of ${storeName} cannot be shown while it is ${status}.${when.replace('That is possible', 'It can be shown')}`;
  }
  if (action === 'delete' && status === 'Deleted')
    return `The store ${storeName} is already deleted.`;
  const done = DONE[action] ?? 'changed';
  return `The store ${storeName} cannot be ${done} while it is ${status}.${when}`;
}
