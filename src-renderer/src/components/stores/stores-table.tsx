import { useCallback, useMemo } from 'react';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { selectSelectedContext, useApp } from '../../state/app-store';
import { storesOfContext, useStores } from '../../state/stores-store';
import { EmptyState } from './empty-state';
import { STORE_GRID, StoreRow } from './store-row';

export function StoresTable({
  onError,
}: {
  onError: (message: string) => void;
}): React.JSX.Element {
  const api = useApi();
  const context = useApp(selectSelectedContext);
  const openStoreId = useApp((s) => s.openStoreId);
  const byId = useStores((s) => s.byId);
  const loaded = useStores((s) => (context ? s.loaded[context] === true : false));
  const stores = useMemo(() => storesOfContext(byId, context), [byId, context]);

  const onOpen = useCallback((storeId: string) => useApp.getState().openStore(storeId), []);
  const onVisit = useCallback(
    (storeId: string) => {
      api
        .openStore({ storeId, target: 'storefront' })
        .catch((e: unknown) => onError(errorMessage(e)));
    },
    [api, onError],
  );

  if (!context) {
    return (
      <p className="mt-16 text-center text-muted">
        Choose a Kubernetes context in the top bar to see its stores.
      </p>
    );
  }
  if (!loaded && stores.length === 0) {
    return <p className="mt-16 text-center text-muted">Loading stores…</p>;
  }
  if (stores.length === 0) {
    return <EmptyState context={context} onCreate={() => useApp.getState().setCreateOpen(true)} />;
  }
  // A grid of divs rather than a <table>: rows off screen can then skip style, layout and paint
  // (content-visibility), which table rows do not support.
  return (
    <div role="table" aria-label="Stores" aria-rowcount={stores.length + 1} className="text-left">
      <div role="rowgroup" className="sticky top-0 z-10 bg-bg text-xs text-muted">
        <div role="row" className={`${STORE_GRID} border-b border-line`}>
          <span role="columnheader" className="px-3 font-medium">
            Name
          </span>
          <span role="columnheader" className="px-3 font-medium">
            Status
          </span>
          <span role="columnheader" className="px-3 font-medium">
            Step
          </span>
          <span role="columnheader" className="px-3 text-right font-medium">
            Elapsed
          </span>
          <span role="columnheader" className="px-3 font-medium">
            Address
          </span>
        </div>
      </div>
      <div role="rowgroup">
        {stores.map((store) => (
          <StoreRow
            key={store.id}
            store={store}
            selected={store.id === openStoreId}
            onOpen={onOpen}
            onVisit={onVisit}
          />
        ))}
      </div>
    </div>
  );
}
