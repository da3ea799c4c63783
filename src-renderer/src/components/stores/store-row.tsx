import { memo } from 'react';
import type { Store } from '../../../../src-shared/types/store-types';
import { StatusBadge } from '../ui/status-badge';
import { formatDuration, timeToReadyMs } from './list-model';
import { SHOW, STORE_GRID } from './store-columns';
import { CopyLinkButton, CreatedAt, InStatusFor, progressText } from './store-cells';
import { ResourceCell } from '../store-metrics/resource-cell';

interface Props {
  store: Store;
  /** aria-rowindex: the row's place in the whole list, the header being 1 */
  rowIndex: number;
  /** the store whose page is open */
  selected: boolean;
  /** ticked for a bulk action */
  ticked: boolean;
  queuePosition: number | undefined;
  kindLabel: string;
  onOpen: (storeId: string) => void;
  onVisit: (storeId: string) => void;
  onToggle: (storeId: string) => void;
  onCopy: (storeId: string) => Promise<boolean>;
}

const CELL = 'truncate px-3';

// Rows re-render only when their own Store object, selection, tick or queue place changes; the
// clocks are leaves that re-render alone on each tick.
export const StoreRow = memo(function StoreRow({
  store,
  rowIndex,
  selected,
  ticked,
  queuePosition,
  kindLabel,
  onOpen,
  onVisit,
  onToggle,
  onCopy,
}: Props): React.JSX.Element {
  const progress = progressText(store, queuePosition);
  const toReady = timeToReadyMs(store);
  return (
    <div
      role="row"
      aria-rowindex={rowIndex}
      data-testid={`store-row-${store.name}`}
      aria-current={selected ? true : undefined}
      onClick={() => onOpen(store.id)}
      className={`${STORE_GRID} cursor-default border-b border-line ${selected ? 'bg-accent/10' : ticked ? 'bg-raised' : 'hover:bg-raised'}`}
    >
      <div role="cell" className="flex justify-center" onClick={(e) => e.stopPropagation()}>
        <input
          type="checkbox"
          aria-label={`Select ${store.name}`}
          data-testid={`select-store-${store.name}`}
          checked={ticked}
          onChange={() => onToggle(store.id)}
          className="size-3.5 accent-accent"
        />
      </div>
      <div role="cell" className={CELL}>
        <button
          type="button"
          title={store.name}
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
      <div
        role="cell"
        className={`${CELL} text-muted`}
        title={progress || undefined}
        data-testid={`store-progress-${store.name}`}
      >
        {progress}
      </div>
      <div role="cell" className={`${SHOW.elapsed} px-3 text-right text-muted tabular-nums`}>
        <InStatusFor store={store} />
      </div>
      <div
        role="cell"
        className={`${SHOW.toReady} px-3 text-right text-muted tabular-nums`}
        data-testid={`store-to-ready-${store.name}`}
        title={toReady === null ? 'Not Ready yet' : 'From creation to the first Ready'}
      >
        {toReady === null ? <span aria-label="Not Ready yet">–</span> : formatDuration(toReady)}
      </div>
      <div role="cell" className={`${SHOW.kind} ${CELL} text-muted`} title={kindLabel}>
        {kindLabel}
      </div>
      <div
        role="cell"
        className={`${SHOW.version} ${CELL} text-muted`}
        title={
          store.kind === 'medusa'
            ? 'The Medusa version of the image Storefleet builds'
            : store.version
              ? `WooCommerce ${store.version}`
              : 'The WooCommerce version from the values file'
        }
      >
        {store.kind === 'medusa' ? '—' : (store.version ?? 'default')}
      </div>
      <div role="cell" className={`${SHOW.created} ${CELL} text-muted`}>
        <CreatedAt iso={store.createdAt} />
      </div>
      <div role="cell" className={`${SHOW.resources} ${CELL} text-muted tabular-nums`}>
        <ResourceCell storeId={store.id} name={store.name} />
      </div>
      <div
        role="cell"
        className={`${SHOW.address} min-w-0 items-center gap-1 px-3 font-mono text-xs @2xl:flex`}
      >
        {store.status === 'Ready' ? (
          <button
            type="button"
            className="min-w-0 truncate text-accent outline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent"
            title={`Open ${store.url}`}
            data-testid={`visit-store-${store.name}`}
            onClick={(e) => {
              e.stopPropagation();
              onVisit(store.id);
            }}
          >
            {store.url}
          </button>
        ) : (
          <span className="min-w-0 truncate text-muted" title={store.url}>
            {store.url}
          </span>
        )}
        <CopyLinkButton name={store.name} onCopy={() => onCopy(store.id)} />
      </div>
    </div>
  );
});
