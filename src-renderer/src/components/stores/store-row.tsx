import { memo } from 'react';
import type { Store } from '../../../../src-shared/types/store-types';
import { STEP_LABEL, isWorking } from '../../lib/status';
import { Elapsed } from '../ui/elapsed';
import { StatusBadge } from '../ui/status-badge';

interface Props {
  store: Store;
  /** aria-rowindex: the row's place in the whole list, the header being 1 */
  rowIndex: number;
  selected: boolean;
  onOpen: (storeId: string) => void;
  onVisit: (storeId: string) => void;
}

/** Column template shared by the header and every row, so they line up without a <table>. */
export const STORE_GRID =
  'grid h-row grid-cols-[minmax(8rem,24%)_8rem_9rem_5rem_minmax(0,1fr)] items-center';

function stepText(store: Store): string {
  if (!store.step) return '';
  if (store.status === 'Failed') return `at ${STEP_LABEL[store.step]}`;
  return isWorking(store.status) ? STEP_LABEL[store.step] : '';
}

// Rows re-render only when their own Store object or selection changes; the elapsed clock is a
// leaf that re-renders alone on each tick.
export const StoreRow = memo(function StoreRow({
  store,
  rowIndex,
  selected,
  onOpen,
  onVisit,
}: Props): React.JSX.Element {
  const working = isWorking(store.status);
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      data-testid={`store-row-${store.name}`}
      aria-current={selected ? true : undefined}
      onClick={() => onOpen(store.id)}
      className={`${STORE_GRID} cursor-default border-b border-line ${selected ? 'bg-accent/10' : 'hover:bg-raised'}`}
    >
      <div role="cell" className="truncate px-3">
        <button
          type="button"
          className="max-w-full truncate font-medium outline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
          onClick={(e) => {
            e.stopPropagation();
            onOpen(store.id);
          }}
        >
          {store.name}
        </button>
      </div>
      <div role="cell" className="px-3">
        <StatusBadge status={store.status} testId={`store-status-${store.name}`} />
      </div>
      <div role="cell" className="truncate px-3 text-muted">
        {stepText(store)}
      </div>
      <div role="cell" className="px-3 text-right text-muted tabular-nums">
        {working ? <Elapsed since={store.statusSince} /> : null}
      </div>
      <div role="cell" className="truncate px-3 font-mono text-xs">
        {store.status === 'Ready' ? (
          <button
            type="button"
            className="max-w-full truncate text-accent outline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
            title={`Open ${store.url}`}
            onClick={(e) => {
              e.stopPropagation();
              onVisit(store.id);
            }}
          >
            {store.url}
          </button>
        ) : (
          <span className="text-muted">{store.url}</span>
        )}
      </div>
    </div>
  );
});
