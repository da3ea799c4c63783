import { ArrowUpCircle, RotateCcw } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { HelmRevision } from '../../../../src-shared/types/service-types';
import type { Store } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { canChangeRelease, isGone, isWorking } from '../../lib/status';
import { formatDateTime } from '../../lib/time';
import { Button } from '../ui/button';
import { UpgradeForm } from './upgrade-form';

/** Why the history is not asked for, as a sentence; null when it can be asked. */
function historyUnavailable(store: Store, reachable: boolean | null): string | null {
  if (isGone(store.status)) return 'The store’s release is no longer in the cluster.';
  if (store.status === 'Deleting') return 'The store’s release is being removed.';
  if (reachable === false) return 'Revisions show once the cluster can be reached again.';
  return null;
}

export function HelmHistory({
  store,
  reachable,
}: {
  store: Store;
  reachable: boolean | null;
}): React.JSX.Element {
  const api = useApi();
  const [revisions, setRevisions] = useState<HelmRevision[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [upgrading, setUpgrading] = useState(false);
  const busy = isWorking(store.status);
  const unavailable = historyUnavailable(store, reachable);
  const canChange = canChangeRelease(store.status) && reachable !== false;

  // Refetch when the release moves (new revision) or the store settles after an operation.
  useEffect(() => {
    let current = true;
    if (store.helmRevision === null || unavailable) {
      setRevisions([]);
      setError(null);
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
      .catch((e: unknown) => {
        if (!current) return;
        setError(errorMessage(e));
        setRevisions((r) => r ?? []);
      });
    return () => {
      current = false;
    };
  }, [api, store.id, store.helmRevision, store.status, busy, unavailable]);

  // The current revision's values, else what the store recorded; the form restarts when they
  // arrive so it never shows an empty field for a value that is known.
  const current = {
    woocommerceVersion: store.version,
    ...revisions?.find((r) => r.current)?.values,
  };
  const currentKey = JSON.stringify(current);

  const rollback = (revision: number) => {
    setConfirming(null);
    setError(null);
    api
      .rollbackStore({ storeId: store.id, revision })
      .catch((e: unknown) => setError(errorMessage(e)));
  };

  return (
    <section aria-label="Revisions" className="flex flex-col gap-2">
      <div className="flex items-center justify-between">
        <h3 className="font-semibold">Revisions</h3>
        <Button
          variant="ghost"
          disabled={!canChange}
          onClick={() => setUpgrading((u) => !u)}
          aria-expanded={upgrading}
          data-testid="open-upgrade"
        >
          <ArrowUpCircle aria-hidden size={14} /> Upgrade…
        </Button>
      </div>
      {upgrading && canChange ? (
        <UpgradeForm
          storeId={store.id}
          kind={store.kind}
          key={currentKey}
          current={current}
          disabled={!canChange}
          onDone={() => setUpgrading(false)}
        />
      ) : null}
      {error ? (
        <p role="alert" className="whitespace-pre-wrap text-failed">
          {error}
        </p>
      ) : null}
      {unavailable ? (
        <p className="text-muted" data-testid="history-unavailable">
          {unavailable}
        </p>
      ) : revisions === null ? (
        <p className="text-muted">Loading revisions…</p>
      ) : revisions.length === 0 ? (
        error ? null : (
          <p className="text-muted">No release installed yet.</p>
        )
      ) : (
        <ul className="flex flex-col" data-testid="helm-revisions">
          {revisions.map((r) => (
            <li
              key={r.revision}
              data-testid={`helm-revision-${r.revision}`}
              data-current={r.current || undefined}
              className="grid min-h-row grid-cols-[2.5rem_1fr_auto] items-start gap-2 border-b border-line py-1.5"
            >
              <span className="font-mono tabular-nums">#{r.revision}</span>
              <span className="min-w-0">
                <span className="block font-medium" data-testid="revision-label">
                  {r.label}
                  {r.current ? (
                    <strong className="ml-1.5 rounded-ui bg-ready/10 px-1 text-xs text-ready">
                      current
                    </strong>
                  ) : null}
                </span>
                {r.changes.length > 0 ? (
                  <span className="block text-xs" data-testid="revision-changes">
                    {r.changes.join(' · ')}
                  </span>
                ) : null}
                <span className="block text-xs text-muted tabular-nums">
                  <time dateTime={r.updated}>{formatDateTime(r.updated)}</time>
                </span>
              </span>
              {!r.canRollback ? null : confirming === r.revision ? (
                <span className="flex gap-1">
                  <Button
                    variant="primary"
                    disabled={!canChange}
                    onClick={() => rollback(r.revision)}
                  >
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
          ))}
        </ul>
      )}
    </section>
  );
}
