import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { Store } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { selectSelectedContext, useApp } from '../../state/app-store';
import { storesOfContext, useStores } from '../../state/stores-store';
import { EmptyState } from './empty-state';
import { STORE_GRID, StoreRow } from './store-row';

const COLUMNS: readonly { label: string; right?: boolean }[] = [
  { label: 'Name' },
  { label: 'Status' },
  { label: 'Step' },
  { label: 'Elapsed', right: true },
  { label: 'Address' },
];

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
  return <StoreRows stores={stores} openStoreId={openStoreId} onOpen={onOpen} onVisit={onVisit} />;
}

/**
 * The list is its own scroller and draws only the rows in view (plus a margin), so a context
 * with hundreds of stores costs what a screenful costs, on load and on every update. The window
 * is @tanstack/react-virtual's; rows have one fixed height (the header's), so nothing is measured
 * per row. The drawn rows sit in one block shifted to the first one's place.
 */
function StoreRows({
  stores,
  openStoreId,
  onOpen,
  onVisit,
}: {
  stores: Store[];
  openStoreId: string | null;
  onOpen: (storeId: string) => void;
  onVisit: (storeId: string) => void;
}): React.JSX.Element {
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
    <div ref={scroller} className="h-full overflow-auto">
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
            {COLUMNS.map((c) => (
              <span
                key={c.label}
                role="columnheader"
                className={`px-3 font-medium ${c.right ? 'text-right' : ''}`}
              >
                {c.label}
              </span>
            ))}
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
                  onOpen={onOpen}
                  onVisit={onVisit}
                />
              ) : null;
            })}
          </div>
        </div>
      </div>
    </div>
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
  const buttons = (r: Element) => [...r.querySelectorAll<HTMLElement>('button')];
  const target = next ? buttons(next) : [];
  if (target.length === 0) return;
  const column = Math.max(0, buttons(row).indexOf(from));
  e.preventDefault();
  (target[Math.min(column, target.length - 1)] ?? target[0])?.focus();
}
