import type { Store } from '../../../../src-shared/types/store-types';
import { STEP_LABEL } from '../../lib/status';

/**
 * One paragraph saying what happened to a store that is not simply working or Ready, and what
 * can be done about it. Failed stores have their own section (FailureDetails).
 */
export function storeNotice(store: Store, reachable: boolean | null): string | null {
  if (store.status === 'Missing') {
    return `${store.name}’s namespace ${store.namespace} is no longer in the cluster: it was deleted outside Storefleet, or the cluster was rebuilt. Forget removes it from this list; nothing else is left to clean up.`;
  }
  if (store.status === 'Deleted') {
    return `${store.name} was deleted. Forget removes it from this list.`;
  }
  if (store.status === 'Cancelled') {
    const where = store.step ? ` during ${STEP_LABEL[store.step]}` : '';
    return `Setting up ${store.name} was cancelled${where}. Retry carries on from that step; Delete removes what was already created.`;
  }
  if (reachable === false) {
    return `The cluster ${store.context} cannot be reached, so this store’s state may be out of date. Start the cluster, or Forget the store if the cluster is gone for good.`;
  }
  return null;
}

export function StoreNotice({
  store,
  reachable,
}: {
  store: Store;
  reachable: boolean | null;
}): React.JSX.Element | null {
  const text = storeNotice(store, reachable);
  if (!text) return null;
  return (
    <p data-testid="store-notice" className="rounded-ui bg-raised p-2.5">
      {text}
    </p>
  );
}
