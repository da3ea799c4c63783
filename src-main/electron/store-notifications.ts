import type { Store, StoreStatus } from '../../src-shared/types/store-types';

export interface StoreNotice {
  title: string;
  body: string;
}

/**
 * Says when a store has just become Ready or Failed. Only transitions seen in this session count,
 * so stores rediscovered at start-up in a state they already had do not raise a flurry of notices.
 */
export function createStoreNotifier(): (store: Store) => StoreNotice | null {
  const last = new Map<string, StoreStatus>();
  return (store) => {
    const previous = last.get(store.id);
    last.set(store.id, store.status);
    if (previous === undefined || previous === store.status) return null;
    if (store.status === 'Ready') {
      return { title: `${store.name} is ready`, body: `Open it at ${store.url}` };
    }
    if (store.status === 'Failed') {
      return {
        title: `${store.name} failed`,
        body: store.error ?? `The ${store.step ?? 'last'} step did not finish.`,
      };
    }
    if (store.status === 'Deleted') last.delete(store.id);
    return null;
  };
}
