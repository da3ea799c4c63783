import { ArrowUpCircle, RotateCcw } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { HelmRevision } from '../../../../src-shared/types/service-types';
import type { Store } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { isWorking } from '../../lib/status';
import { formatDateTime } from '../../lib/time';
import { Button } from '../ui/button';
import { UpgradeForm } from './upgrade-form';

export function HelmHistory({ store }: { store: Store }): React.JSX.Element {
  const api = useApi();
  const [revisions, setRevisions] = useState<HelmRevision[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [upgrading, setUpgrading] = useState(false);
  const busy = isWorking(store.status);
  const canChange = store.status === 'Ready' || store.status === 'Failed';

  // Refetch when the release moves (new revision) or the store settles after an operation.
  useEffect(() => {
    let current = true;
    if (store.helmRevision === null) {
      setRevisions([]);
      return;
    }
    // Main answers history only for a settled store; the next settle refetches.
    if (busy) return;
    setError(null);
    // An empty list from before the install would read as "no release" until the answer lands.
    setRevisions((r) => (r && r.length > 0 ? r : null));
    api
      .storeHistory({ storeId: store.id })
      .then((r) => current && setRevisions([...r].sort((a, b) => b.revision - a.revision)))
      .catch((e: unknown) => current && setError(errorMessage(e)));
    return () => {
      current = false;
    };
  }, [api, store.id, store.helmRevision, busy]);

  const rollback = (revision: number) => {
    setConfirming(null);
    setError(null);
    api
      .rollbackStore({ storeId: store.id, revision })
      .catch((e: unknown) => setError(errorMessage(e)));
  };

  return (
    <div className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">Helm revisions</h3>
        <Button
          variant="ghost"
          disabled={!canChange}
          onClick={() => setUpgrading((u) => !u)}
          aria-expanded={upgrading}
        >
          <ArrowUpCircle aria-hidden size={14} /> Upgrade…
        </Button>
      </div>
      {upgrading ? (
        <UpgradeForm storeId={store.id} disabled={!canChange} onDone={() => setUpgrading(false)} />
      ) : null}
      {error ? (
        <p role="alert" className="whitespace-pre-wrap text-failed">
          {error}
        </p>
      ) : null}
      {revisions === null ? (
        <p className="text-muted">Loading…</p>
      ) : revisions.length === 0 ? (
        <p className="text-muted">No release installed yet.</p>
      ) : (
        <ul className="flex flex-col" data-testid="helm-revisions">
          {revisions.map((r) => {
            const current = r.revision === store.helmRevision;
            return (
              <li
                key={r.revision}
                data-testid={`helm-revision-${r.revision}`}
                className="grid min-h-row grid-cols-[2.5rem_1fr_auto] items-center gap-2 border-b border-line py-1"
              >
                <span className="font-mono tabular-nums">#{r.revision}</span>
                <span className="min-w-0">
                  <span className="block truncate" title={r.description}>
                    {r.status} · {r.chart}
                    {r.appVersion ? ` (${r.appVersion})` : ''}
                    {current ? <strong className="ml-1 text-xs">current</strong> : null}
                  </span>
                  <span className="block truncate text-xs text-muted tabular-nums">
                    {formatDateTime(r.updated)} · {r.description}
                  </span>
                </span>
                {current ? null : confirming === r.revision ? (
                  <span className="flex gap-1">
                    <Button variant="primary" onClick={() => rollback(r.revision)}>
                      Roll back
                    </Button>
                    <Button variant="ghost" onClick={() => setConfirming(null)}>
                      Keep
                    </Button>
                  </span>
                ) : (
                  <Button
                    variant="ghost"
                    disabled={!canChange}
                    onClick={() => setConfirming(r.revision)}
                    aria-label={`Roll back to revision ${r.revision}`}
                  >
                    <RotateCcw aria-hidden size={14} /> Roll back
                  </Button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
