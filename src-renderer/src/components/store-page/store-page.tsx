import { Ban, ExternalLink, LayoutDashboard, Play, Square, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { StoreEvent } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { isCancellable, isWorking, STEP_LABEL } from '../../lib/status';
import { loadStore } from '../../state/actions';
import { useApp } from '../../state/app-store';
import { useStores } from '../../state/stores-store';
import { Button } from '../ui/button';
import { Elapsed } from '../ui/elapsed';
import { focusIsLost, returnFocus, useOpener } from '../ui/return-focus';
import { StatusBadge } from '../ui/status-badge';
import { CredentialsPanel } from './credentials-panel';
import { DeleteStoreDialog } from './delete-store-dialog';
import { FailureDetails } from './failure-details';
import { HelmHistory } from './helm-history';
import { Timeline } from './timeline';

const NO_EVENTS: StoreEvent[] = [];

export function StorePage({ storeId }: { storeId: string }): React.JSX.Element {
  const api = useApi();
  const store = useStores((s) => s.byId[storeId]);
  const events = useStores((s) => s.events[storeId] ?? NO_EVENTS);
  const [error, setError] = useState<string | null>(null);
  const close = () => useApp.getState().openStore(null);
  const panel = useRef<HTMLElement>(null);
  const opener = useOpener();

  // The panel takes the focus when it opens (no Tabs through the rest of the list to reach it)
  // and, when it closes with the focus inside it, gives it back to the row that opened it.
  useEffect(() => {
    panel.current?.focus();
    return () => {
      if (focusIsLost()) returnFocus(opener);
    };
  }, [opener]);

  // Live events already flow into the stores; the snapshot fills in what happened before.
  useEffect(() => {
    setError(null);
    loadStore(api, storeId).catch((e: unknown) => setError(errorMessage(e)));
  }, [api, storeId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !document.querySelector('[role="dialog"]'))
        close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const act = (p: Promise<unknown>) => {
    setError(null);
    p.catch((e: unknown) => setError(errorMessage(e)));
  };

  return (
    <aside
      ref={panel}
      tabIndex={-1}
      data-testid="store-page"
      aria-label={store ? `Store ${store.name}` : 'Store'}
      className="flex w-panel shrink-0 flex-col overflow-hidden border-l border-line bg-panel -outline-offset-2 focus-visible:outline-2 focus-visible:outline-accent"
    >
      <header className="flex h-bar shrink-0 items-center gap-2 border-b border-line px-3">
        <h2 className="truncate text-sm font-semibold">{store?.name ?? 'Store'}</h2>
        {store ? <StatusBadge status={store.status} animate /> : null}
        {store && isWorking(store.status) ? (
          <span className="text-xs text-muted">
            {store.step ? `${STEP_LABEL[store.step]} · ` : ''}
            <Elapsed since={store.statusSince} />
          </span>
        ) : null}
        <button
          type="button"
          aria-label="Close store page"
          onClick={close}
          className="ml-auto rounded-ui p-1 text-muted hover:bg-raised focus-visible:outline-2 focus-visible:outline-accent"
        >
          <X aria-hidden size={16} />
        </button>
      </header>
      {!store ? (
        <p className="p-3 text-muted">{error ?? 'Loading…'}</p>
      ) : (
        <div className="flex flex-col gap-4 overflow-auto p-3">
          <p className="truncate font-mono text-xs text-muted" title={store.namespace}>
            {store.url} · namespace {store.namespace}
          </p>
          <div className="flex flex-wrap gap-2">
            <Button
              data-testid="open-storefront"
              disabled={store.status !== 'Ready'}
              onClick={() => act(api.openStore({ storeId, target: 'storefront' }))}
            >
              <ExternalLink aria-hidden size={14} /> Storefront
            </Button>
            <Button
              data-testid="open-admin"
              disabled={store.status !== 'Ready'}
              onClick={() => act(api.openStore({ storeId, target: 'admin' }))}
            >
              <LayoutDashboard aria-hidden size={14} /> WP Admin
            </Button>
            {isCancellable(store.status) ? (
              <Button data-testid="cancel-store" onClick={() => act(api.cancelStore({ storeId }))}>
                <Ban aria-hidden size={14} /> Cancel
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
            <DeleteStoreDialog store={store} />
          </div>
          {error ? (
            <p role="alert" className="whitespace-pre-wrap text-failed">
              {error}
            </p>
          ) : null}
          {store.status === 'Failed' ? <FailureDetails store={store} events={events} /> : null}
          <section aria-label="Admin login" className="flex flex-col gap-1.5">
            <h3 className="font-semibold">Admin login</h3>
            {store.status === 'Ready' ? (
              <CredentialsPanel key={storeId} storeId={storeId} />
            ) : (
              <p className="text-muted">Available once the store is Ready.</p>
            )}
          </section>
          <section aria-label="Steps" className="flex flex-col gap-1.5">
            <h3 className="font-semibold">Steps</h3>
            <Timeline events={events} status={store.status} />
          </section>
          <HelmHistory store={store} />
        </div>
      )}
    </aside>
  );
}
