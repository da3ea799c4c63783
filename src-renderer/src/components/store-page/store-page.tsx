import { X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import type { StoreEvent } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { isWorking, STEP_LABEL } from '../../lib/status';
import { loadStore } from '../../state/actions';
import { useApp } from '../../state/app-store';
import { useStores } from '../../state/stores-store';
import { Elapsed } from '../ui/elapsed';
import { focusIsLost, returnFocus, useOpener } from '../ui/return-focus';
import { StatusBadge } from '../ui/status-badge';
import { CredentialsPanel } from './credentials-panel';
import { DatabasePanel } from '../store-db/database-panel';
import { DatabaseForwardKeeper } from '../store-db/forward-keeper';
import { FailureDetails } from './failure-details';
import { HelmHistory } from './helm-history';
import { StoreResourcesPanel } from '../store-metrics/store-resources-panel';
import { OpenMailButton } from '../store-mail/open-mail-button';
import { StoreActions } from './store-actions';
import { StoreNotice } from './store-notice';
import { Timeline } from './timeline';
import { useContextReachable } from '../../lib/use-context-reachable';
import { StoreLogs } from '../store-logs/store-logs';
import { ALL, failingComponent } from '../store-logs/failing-component';
import { StorePageTabs, type StorePageTab } from '../store-logs/store-page-tabs';

const NO_EVENTS: StoreEvent[] = [];

export function StorePage({ storeId }: { storeId: string }): React.JSX.Element {
  const api = useApi();
  const store = useStores((s) => s.byId[storeId]);
  const events = useStores((s) => s.events[storeId] ?? NO_EVENTS);
  const [error, setError] = useState<string | null>(null);
  const reachable = useContextReachable(store?.context);
  const recovered = store?.status === 'Ready';
  const close = () => useApp.getState().openStore(null);
  const panel = useRef<HTMLElement>(null);
  const opener = useOpener();
  const [tab, setTab] = useState<StorePageTab>('overview');
  const [logComponent, setLogComponent] = useState(ALL);

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

  // An action's error is about the state it was tried in; once the store is Ready it is stale.
  useEffect(() => {
    if (recovered) setError(null);
  }, [recovered]);

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
      {/* Outside the tabs: the database forward lives as long as this page. */}
      {store ? <DatabaseForwardKeeper storeId={storeId} ready={store.status === 'Ready'} /> : null}
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
      {store ? <StorePageTabs tab={tab} onChange={setTab} /> : null}
      {!store ? (
        <p className="p-3 text-muted">{error ?? 'Loading…'}</p>
      ) : tab === 'logs' ? (
        <div className="flex flex-col overflow-auto p-3">
          <StoreLogs store={store} initialComponent={logComponent} />
        </div>
      ) : (
        <div className="flex flex-col gap-4 overflow-auto p-3">
          <p className="truncate font-mono text-xs text-muted" title={store.namespace}>
            {store.url} · namespace {store.namespace}
          </p>
          <StoreActions store={store} reachable={reachable} act={act} />
          {error ? (
            <p role="alert" className="whitespace-pre-wrap text-failed">
              {error}
            </p>
          ) : null}
          <StoreNotice store={store} reachable={reachable} />
          {store.status === 'Failed' ? <FailureDetails store={store} events={events} /> : null}
          {store.status === 'Failed' ? (
            <button
              type="button"
              data-testid="open-failing-log"
              className="self-start text-accent underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-accent"
              onClick={() => {
                setLogComponent(failingComponent(store.kind, store.step));
                setTab('logs');
              }}
            >
              {failingComponent(store.kind, store.step) === 'Events'
                ? "Show the store's Kubernetes events"
                : `Show the ${failingComponent(store.kind, store.step)} log`}
            </button>
          ) : null}
          <section aria-label="Admin login" className="flex flex-col gap-1.5">
            <h3 className="font-semibold">Admin login</h3>
            {store.adminAvailable ? (
              <CredentialsPanel
                key={`${storeId}-${store.status}`}
                storeId={storeId}
                kind={store.kind}
              />
            ) : (
              <p className="text-muted">
                Available as soon as {store.kind === 'medusa' ? 'Medusa' : 'WordPress'} answers.
              </p>
            )}
          </section>
          <StoreResourcesPanel store={store} />
          <OpenMailButton store={store} />
          {/* Keyed by status: a store leaving Ready closes its database forward. */}
          <DatabasePanel key={`db-${storeId}-${store.status}`} store={store} />
          <section aria-label="Steps" className="flex flex-col gap-1.5">
            <h3 className="font-semibold">Steps</h3>
            <Timeline events={events} status={store.status} kind={store.kind} />
          </section>
          <HelmHistory store={store} reachable={reachable} />
        </div>
      )}
    </aside>
  );
}
