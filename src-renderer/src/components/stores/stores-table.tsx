import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Store } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { copyText, openStoreLink } from '../../api/open-link';
import { selectSelectedContext, useApp } from '../../state/app-store';
import { useListView } from '../../state/list-view';
import { storesOfContext, useStores } from '../../state/stores-store';
import { BulkBar } from './bulk-actions';
import { EmptyState, NoContextState } from './empty-state';
import { filterCounts, queuePositions, shownStores } from './list-model';
import { ListToolbar } from './list-toolbar';
import { COLUMNS, STORE_GRID, type Column } from './store-columns';
import { StoreRow } from './store-row';
import { ResourcesHint } from '../store-metrics/resources-hint';

/** Row height before the header has been measured: the `h-row` token, 2rem. */
const FALLBACK_ROW_PX = 32;
/** Rows drawn beyond each edge of the viewport, so a fast scroll or Tab never meets a gap. */
const OVERSCAN_ROWS = 10;

export function StoresTable({
  onError,
}: {
  onError: (message: string) => void;
}): React.JSX.Element {
  const api = useApi();
  const context = useApp(selectSelectedContext);
  const byId = useStores((s) => s.byId);
  const loaded = useStores((s) => (context ? s.loaded[context] === true : false));
  const stores = useMemo(() => storesOfContext(byId, context), [byId, context]);
  const onVisit = useCallback(
    (storeId: string) => {
      openStoreLink(api, { storeId, target: 'storefront' }).catch((e: unknown) =>
        onError(errorMessage(e)),
      );
    },
    [api, onError],
  );
  const onCopy = useCallback(
    async (storeId: string): Promise<boolean> => {
      const url = useStores.getState().byId[storeId]?.url;
      if (!url) return false;
      try {
        await copyText(url);
        return true;
      } catch (e) {
        onError(errorMessage(e));
        return false;
      }
    },
    [onError],
  );

  if (!context) return <NoContextState onError={onError} />;
  if (!loaded && stores.length === 0) {
    return <p className="mt-16 text-center text-muted">Loading stores…</p>;
  }
  if (stores.length === 0) {
    return <EmptyState context={context} onCreate={() => useApp.getState().setCreateOpen(true)} />;
  }
  return <StoreList stores={stores} onVisit={onVisit} onCopy={onCopy} onError={onError} />;
}

const onOpen = (storeId: string): void => useApp.getState().openStore(storeId);
const onToggle = (storeId: string): void => useListView.getState().toggle(storeId);

/** The toolbar (count, search, filter, or the bulk actions once rows are ticked) over the rows. */
function StoreList({
  stores,
  onVisit,
  onCopy,
  onError,
}: {
  stores: Store[];
  onVisit: (storeId: string) => void;
  onCopy: (storeId: string) => Promise<boolean>;
  onError: (message: string) => void;
}): React.JSX.Element {
  const query = useListView((s) => s.query);
  const filter = useListView((s) => s.filter);
  const sort = useListView((s) => s.sort);
  const ticked = useListView((s) => s.ticked);
  const shown = useMemo(
    () => shownStores(stores, { query, filter, sort }),
    [stores, query, filter, sort],
  );
  const counts = useMemo(() => filterCounts(stores), [stores]);
  const queue = useMemo(() => queuePositions(stores), [stores]);
  // Only rows in view can be ticked and acted on: a store hidden by a search is never touched.
  const tickedShown = useMemo(() => shown.filter((s) => ticked.has(s.id)), [shown, ticked]);
  return (
    <div className="flex h-full flex-col">
      <div className="flex min-h-11 flex-wrap items-center gap-2 border-b border-line px-3 py-2">
        {tickedShown.length > 0 ? (
          <BulkBar
            ticked={tickedShown}
            onClear={() => useListView.getState().tickOnly([])}
            onError={onError}
          />
        ) : (
          <div className="min-w-0 flex-1">
            <ListToolbar total={counts.all} shown={shown.length} counts={counts} />
          </div>
        )}
      </div>
      <ResourcesHint />
      <div className="min-h-0 flex-1">
        <StoreRows
          stores={shown}
          queue={queue}
          ticked={ticked}
          tickedCount={tickedShown.length}
          onVisit={onVisit}
          onCopy={onCopy}
        />
      </div>
    </div>
  );
}

/**
 * The list is its own scroller and draws only the rows in view (plus a margin), so a context
 * with hundreds of stores costs what a screenful costs, on load and on every update. The window
 * is @tanstack/react-virtual's; rows have one fixed height (the header's), so nothing is measured
 * per row. The drawn rows sit in one block shifted to the first one's place.
 */
function StoreRows({
  stores,
  queue,
  ticked,
  tickedCount,
  onVisit,
  onCopy,
}: {
  stores: Store[];
  queue: Map<string, number>;
  ticked: ReadonlySet<string>;
  tickedCount: number;
  onVisit: (storeId: string) => void;
  onCopy: (storeId: string) => Promise<boolean>;
}): React.JSX.Element {
  const openStoreId = useApp((s) => s.openStoreId);
  const kinds = useApp((s) => s.kinds);
  const kindLabel = useCallback(
    (kind: string) => kinds?.find((k) => k.kind === kind)?.displayName ?? kind,
    [kinds],
  );
  const scroller = useRef<HTMLDivElement>(null);
  const header = useRef<HTMLDivElement>(null);
  const [rowPx, setRowPx] = useState(FALLBACK_ROW_PX);
  useLayoutEffect(() => {
    const measured = header.current?.offsetHeight ?? 0;
    if (measured > 0) setRowPx(measured);
  }, []);
  const rows = useVirtualizer({
    count: stores.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowPx,
    // The sticky header comes first in the scroller, one row high. A change of it also makes the
    // virtualizer lay the rows out again, with the new estimateSize.
    scrollMargin: rowPx,
    overscan: OVERSCAN_ROWS,
    // Measured with bench:ui: a flushSync render inside every scroll event cost the jump to the
    // list's end one to three extra frames; React's own scheduling keeps it at two, as before.
    useFlushSync: false,
    // Before the scroller is measured, draw as for a one-row viewport (the first row and the
    // overscan), as the list did before the library: the first render is never empty.
    initialRect: { width: 0, height: rowPx },
    // A scroller not laid out (yet, or ever: jsdom) has no height; counted as one row high, it
    // still gets its first rows and the overscan, so the first frame is never an empty list.
    observeElementRect: (instance, report) =>
      observeElementRect(instance, (rect) =>
        report(rect.height > 0 ? rect : { ...rect, height: rowPx }),
      ),
  });
  const drawn = rows.getVirtualItems();
  const shiftPx = (drawn[0]?.start ?? rowPx) - rowPx;
  return (
    <div ref={scroller} className="@container h-full overflow-auto">
      <div
        role="table"
        aria-label="Stores"
        aria-rowcount={stores.length + 1}
        data-testid="stores-table"
        className="text-left"
      >
        <div role="rowgroup" className="sticky top-0 z-10 bg-bg text-xs text-muted">
          <div
            ref={header}
            role="row"
            aria-rowindex={1}
            className={`${STORE_GRID} border-b border-line`}
          >
            {COLUMNS.map((c) =>
              c.id === 'select' ? (
                <SelectAllHeader
                  key={c.id}
                  stores={stores}
                  tickedCount={tickedCount}
                  className={c.show}
                />
              ) : (
                <ColumnHeader key={c.id} column={c} />
              ),
            )}
          </div>
        </div>
        <div
          role="rowgroup"
          style={{ height: rows.getTotalSize() }}
          onKeyDown={moveFocusBetweenRows}
        >
          <div style={{ transform: `translateY(${shiftPx}px)` }}>
            {drawn.map(({ index }) => {
              const store = stores[index];
              return store ? (
                <StoreRow
                  key={store.id}
                  store={store}
                  rowIndex={index + 2}
                  selected={store.id === openStoreId}
                  ticked={ticked.has(store.id)}
                  queuePosition={queue.get(store.id)}
                  kindLabel={kindLabel(store.kind)}
                  onOpen={onOpen}
                  onVisit={onVisit}
                  onToggle={onToggle}
                  onCopy={onCopy}
                />
              ) : null;
            })}
          </div>
        </div>
      </div>
      {stores.length === 0 ? (
        <p className="mt-8 text-center text-muted" data-testid="no-match">
          No store matches the search and filter.
        </p>
      ) : null}
    </div>
  );
}

function ColumnHeader({ column }: { column: Column }): React.JSX.Element {
  const sort = useListView((s) => s.sort);
  const active = column.sort !== undefined && sort.key === column.sort;
  const align = column.right ? 'text-right' : '';
  if (!column.sort) {
    return (
      <span role="columnheader" className={`${column.show} truncate px-3 font-medium ${align}`}>
        {column.label}
      </span>
    );
  }
  const key = column.sort;
  const Arrow = sort.descending ? ArrowDown : ArrowUp;
  return (
    <span
      role="columnheader"
      aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
      className={`${column.show} px-3 ${align}`}
    >
      <button
        type="button"
        data-testid={`sort-${key}`}
        className={`inline-flex max-w-full items-center gap-1 truncate rounded-ui font-medium outline-offset-2 hover:text-fg focus-visible:outline-2 focus-visible:outline-accent ${active ? 'text-fg' : ''}`}
        onClick={() => useListView.getState().sortBy(key)}
      >
        {column.label}
        {active ? <Arrow aria-hidden size={12} /> : null}
      </button>
    </span>
  );
}

function SelectAllHeader({
  stores,
  tickedCount,
  className,
}: {
  stores: Store[];
  tickedCount: number;
  className: string;
}): React.JSX.Element {
  const all = stores.length > 0 && tickedCount === stores.length;
  const some = tickedCount > 0 && !all;
  return (
    <span role="columnheader" className={`${className} flex justify-center`}>
      <input
        type="checkbox"
        aria-label="Select all shown stores"
        data-testid="select-all-stores"
        checked={all}
        ref={(el) => {
          if (el) el.indeterminate = some;
        }}
        disabled={stores.length === 0}
        onChange={() => useListView.getState().tickOnly(all ? [] : stores.map((s) => s.id))}
        className="size-3.5 accent-accent"
      />
    </span>
  );
}

/**
 * Up and Down move the focus to the same button of the row above or below. The overscan keeps
 * a neighbour drawn beyond each edge of the view, and focusing it scrolls it into view, which
 * draws the next one.
 */
function moveFocusBetweenRows(e: React.KeyboardEvent<HTMLElement>): void {
  if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
  const from = e.target instanceof HTMLElement ? e.target : null;
  const row = from?.closest('[role="row"]');
  if (!from || !row) return;
  const next = e.key === 'ArrowDown' ? row.nextElementSibling : row.previousElementSibling;
  const buttons = (r: Element) => [...r.querySelectorAll<HTMLElement>('button, input')];
  const target = next ? buttons(next) : [];
  if (target.length === 0) return;
  const column = Math.max(0, buttons(row).indexOf(from));
  e.preventDefault();
  (target[Math.min(column, target.length - 1)] ?? target[0])?.focus();
}
