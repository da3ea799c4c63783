import { useEffect, useState } from 'react';
import type { Store } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { ComponentFilter } from './component-filter';
import { ALL, EVENTS } from './failing-component';
import { LogView } from './log-view';
import { SupportBundleButton } from './support-bundle-button';
import { useStoreLog } from './use-store-log';

/** The Logs tab: every workload's log as it grows and the namespace's events, one filter. */
export function StoreLogs({
  store,
  initialComponent = ALL,
}: {
  store: Store;
  initialComponent?: string;
}): React.JSX.Element {
  const api = useApi();
  const { lines, error, live } = useStoreLog(store.id);
  // Main names the store's components (storeLogSources); until it answers, the lines do.
  const [components, setComponents] = useState<string[]>([]);
  const [filter, setFilter] = useState(initialComponent);

  useEffect(() => setFilter(initialComponent), [initialComponent]);

  // The store's own list (pods a chart added) when main can give it; the kind's otherwise.
  useEffect(() => {
    let current = true;
    api.storeLogSources({ storeId: store.id }).then(
      (sources) => {
        if (current) setComponents(sources.components);
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [api, store.id]);

  const seen = lines.map((l) => l.component).filter((c) => c !== EVENTS);
  const asked = initialComponent === ALL || initialComponent === EVENTS ? [] : [initialComponent];
  const options = [ALL, ...new Set([...components, ...seen, ...asked]), EVENTS];
  const shown = filter === ALL ? lines : lines.filter((l) => l.component === filter);
  const empty = error
    ? 'No lines.'
    : !live
      ? 'Connecting to the cluster…'
      : filter === ALL
        ? 'No log lines or events yet.'
        : `No lines from ${filter} yet.`;

  return (
    <section aria-label="Logs" data-testid="store-logs" className="flex flex-col gap-2">
      <ComponentFilter options={options} value={filter} onChange={setFilter} />
      {error ? (
        <p role="alert" data-testid="store-logs-error" className="text-failed">
          {error}
        </p>
      ) : null}
      <LogView lines={shown} empty={empty} showComponent={filter === ALL} />
      <SupportBundleButton storeId={store.id} />
    </section>
  );
}
