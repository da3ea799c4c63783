import { Search } from 'lucide-react';
import { useId } from 'react';
import { useListView } from '../../state/list-view';
import { inputClass } from '../ui/dialog';
import { STATUS_FILTERS, type StatusFilter } from './list-model';

/** Count, search and status filter above the list. */
export function ListToolbar({
  total,
  shown,
  counts,
}: {
  total: number;
  shown: number;
  counts: Record<StatusFilter, number>;
}): React.JSX.Element {
  const ids = useId();
  const query = useListView((s) => s.query);
  const filter = useListView((s) => s.filter);
  const narrowed = shown !== total;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p className="mr-auto text-muted" aria-live="polite" data-testid="store-count">
        {narrowed
          ? `${shown} of ${total} ${total === 1 ? 'store' : 'stores'} shown`
          : `${total} ${total === 1 ? 'store' : 'stores'}`}
      </p>
      <div className="relative w-56 max-w-full">
        <label htmlFor={`${ids}-q`} className="sr-only">
          Search stores by name or address
        </label>
        <Search
          aria-hidden
          size={13}
          className="pointer-events-none absolute top-1/2 left-2 -translate-y-1/2 text-muted"
        />
        <input
          id={`${ids}-q`}
          type="search"
          data-testid="store-search"
          placeholder="Search stores"
          autoComplete="off"
          spellCheck={false}
          className={`${inputClass} h-7 pl-7`}
          value={query}
          onChange={(e) => useListView.getState().setQuery(e.target.value)}
        />
      </div>
      <label htmlFor={`${ids}-f`} className="sr-only">
        Show stores with status
      </label>
      <select
        id={`${ids}-f`}
        data-testid="status-filter"
        className="h-7 rounded-ui border border-line bg-bg px-2 outline-offset-1 focus-visible:outline-2 focus-visible:outline-accent"
        value={filter}
        onChange={(e) => useListView.getState().setFilter(e.target.value as StatusFilter)}
      >
        {STATUS_FILTERS.map((f) => (
          <option key={f.value} value={f.value}>
            {f.label} ({counts[f.value]})
          </option>
        ))}
      </select>
    </div>
  );
}
