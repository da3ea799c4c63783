import { Ban, Eraser, ExternalLink, LayoutDashboard, Play, RotateCw, Square } from 'lucide-react';
import { useState } from 'react';
import type { Store } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { openStoreLink } from '../../api/open-link';
import { canForget, isCancellable, isRetryable } from '../../lib/status';
import { forgetStore, retryStore } from '../../state/actions';
import { Button } from '../ui/button';
import { DeleteStoreDialog } from './delete-store-dialog';

/**
 * The buttons a store's status allows. Failed and Cancelled stores offer Retry; a store whose
 * cluster objects are gone, or whose cluster cannot be reached, offers Forget. WP Admin opens as
 * soon as WordPress answers, so an owner can fix what stopped a store before retrying.
 */
export function StoreActions({
  store,
  reachable,
  act,
}: {
  store: Store;
  reachable: boolean | null;
  act: (p: Promise<unknown>) => void;
}): React.JSX.Element {
  const api = useApi();
  const storeId = store.id;
  const [forgetting, setForgetting] = useState(false);
  const unreachable = reachable === false;
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-2" data-testid="store-actions">
        <Button
          data-testid="open-storefront"
          disabled={store.status !== 'Ready'}
          onClick={() => act(openStoreLink(api, { storeId, target: 'storefront' }))}
        >
          <ExternalLink aria-hidden size={14} /> Storefront
        </Button>
        <Button
          data-testid="open-admin"
          disabled={!store.adminAvailable || unreachable}
          onClick={() => act(openStoreLink(api, { storeId, target: 'admin' }))}
        >
          <LayoutDashboard aria-hidden size={14} />{' '}
          {store.kind === 'medusa' ? 'Medusa Admin' : 'WP Admin'}
        </Button>
        {isCancellable(store.status) ? (
          <Button data-testid="cancel-store" onClick={() => act(api.cancelStore({ storeId }))}>
            <Ban aria-hidden size={14} /> Cancel
          </Button>
        ) : null}
        {isRetryable(store.status) ? (
          <Button
            data-testid="retry-store"
            variant="primary"
            disabled={unreachable}
            title={unreachable ? 'The cluster cannot be reached.' : undefined}
            onClick={() => act(retryStore(api, storeId))}
          >
            <RotateCw aria-hidden size={14} /> Retry
          </Button>
        ) : null}
        {store.status === 'Ready' ? (
          <Button data-testid="stop-store" onClick={() => act(api.stopStore({ storeId }))}>
            <Square aria-hidden size={14} /> Stop
          </Button>
        ) : null}
        {store.status === 'Stopped' ? (
          <Button data-testid="start-store" onClick={() => act(api.startStore({ storeId }))}>
            <Play aria-hidden size={14} /> Start
          </Button>
        ) : null}
        {canForget(store.status, reachable) ? (
          <Button
            data-testid="forget-store"
            aria-expanded={forgetting}
            onClick={() => setForgetting((f) => !f)}
          >
            <Eraser aria-hidden size={14} /> Forget…
          </Button>
        ) : null}
        <DeleteStoreDialog store={store} />
      </div>
      {forgetting && canForget(store.status, reachable) ? (
        <div
          role="group"
          aria-label="Forget this store"
          data-testid="forget-confirm"
          className="flex flex-col gap-2 rounded-ui border border-line p-2.5"
        >
          <p>
            Forget {store.name}? Storefleet stops listing it and removes its history. Nothing in the
            cluster is changed
            {unreachable && store.status !== 'Missing' && store.status !== 'Deleted'
              ? ': if the cluster comes back with this store in it, Storefleet lists it again.'
              : '.'}
          </p>
          <span className="flex gap-2">
            <Button
              variant="primary"
              data-testid="forget-confirm-submit"
              onClick={() => {
                setForgetting(false);
                act(forgetStore(api, store));
              }}
            >
              Forget
            </Button>
            <Button variant="ghost" onClick={() => setForgetting(false)}>
              Keep
            </Button>
          </span>
        </div>
      ) : null}
    </div>
  );
}
