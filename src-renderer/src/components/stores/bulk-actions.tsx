// The bar that appears once rows are ticked, and the one confirmation for the action chosen.
import * as Dialog from '@radix-ui/react-dialog';
import { Play, Square, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import type { Store } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { Button } from '../ui/button';
import { DialogFrame } from '../ui/dialog';
import { appliesTo, type BulkAction } from './list-model';

const VERB: Record<BulkAction, { label: string; busy: string; icon: typeof Play }> = {
  stop: { label: 'Stop', busy: 'Stopping…', icon: Square },
  start: { label: 'Start', busy: 'Starting…', icon: Play },
  delete: { label: 'Delete', busy: 'Deleting…', icon: Trash2 },
};

const EXPLAIN: Record<BulkAction, string> = {
  stop: 'Their workloads scale to zero; databases and volumes are kept, and Start brings them back.',
  start: 'Their workloads start again with the data they had.',
  delete:
    'This uninstalls each Helm release and deletes its namespace with the database, volumes and secrets. It cannot be undone.',
};

const plural = (n: number) => (n === 1 ? 'store' : 'stores');

export function BulkBar({
  ticked,
  onClear,
  onError,
}: {
  ticked: Store[];
  onClear: () => void;
  onError: (message: string) => void;
}): React.JSX.Element {
  const [action, setAction] = useState<BulkAction | null>(null);
  return (
    <div
      role="toolbar"
      aria-label="Actions on the selected stores"
      data-testid="bulk-bar"
      className="flex flex-wrap items-center gap-2"
    >
      <span className="font-medium" data-testid="bulk-count">
        {ticked.length} selected
      </span>
      {(['stop', 'start', 'delete'] as const).map((a) => {
        const n = appliesTo(a, ticked).length;
        const { label, icon: Icon } = VERB[a];
        return (
          <Button
            key={a}
            data-testid={`bulk-${a}`}
            disabled={n === 0}
            className={a === 'delete' ? 'text-failed' : ''}
            onClick={() => setAction(a)}
          >
            <Icon aria-hidden size={13} /> {label} {n}
          </Button>
        );
      })}
      <Button variant="ghost" onClick={onClear} data-testid="bulk-clear">
        <X aria-hidden size={13} /> Clear selection
      </Button>
      <Dialog.Root open={action !== null} onOpenChange={(o) => (o ? null : setAction(null))}>
        {action ? (
          <BulkConfirm
            action={action}
            stores={appliesTo(action, ticked)}
            skipped={ticked.length - appliesTo(action, ticked).length}
            onDone={(failures) => {
              setAction(null);
              failures.forEach(onError);
              if (failures.length === 0) onClear();
            }}
          />
        ) : null}
      </Dialog.Root>
    </div>
  );
}

function BulkConfirm({
  action,
  stores,
  skipped,
  onDone,
}: {
  action: BulkAction;
  stores: Store[];
  skipped: number;
  onDone: (failures: string[]) => void;
}): React.JSX.Element {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const { label, busy: busyLabel } = VERB[action];
  const run = async () => {
    setBusy(true);
    const call = (storeId: string) =>
      action === 'stop'
        ? api.stopStore({ storeId })
        : action === 'start'
          ? api.startStore({ storeId })
          : api.deleteStore({ storeId });
    // One call per store through the same API the store page uses; each store's outcome is its
    // own, so one refusal does not hold back the others.
    const results = await Promise.allSettled(stores.map((s) => call(s.id)));
    const failures = results.flatMap((r, i) =>
      r.status === 'rejected'
        ? [`${label} ${stores[i]?.name ?? 'a store'} failed: ${errorMessage(r.reason)}`]
        : [],
    );
    onDone(failures);
  };
  return (
    <DialogFrame
      title={`${label} ${stores.length} ${plural(stores.length)}?`}
      description={EXPLAIN[action]}
      testId="bulk-confirm"
    >
      <ul
        aria-label={`Stores to ${label.toLowerCase()}`}
        data-testid="bulk-confirm-names"
        className="mb-3 max-h-48 overflow-auto rounded-ui border border-line bg-bg p-2 font-mono text-xs"
      >
        {stores
          .map((s) => s.name)
          .sort()
          .map((n) => (
            <li key={n}>{n}</li>
          ))}
      </ul>
      {skipped > 0 ? (
        <p className="mb-3 text-muted">
          {skipped} other selected {plural(skipped)} cannot be {pastTense(action)} now and{' '}
          {skipped === 1 ? 'is' : 'are'} left as {skipped === 1 ? 'it is' : 'they are'}.
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <Dialog.Close asChild>
          <Button>Cancel</Button>
        </Dialog.Close>
        <Button
          variant={action === 'delete' ? 'danger' : 'primary'}
          disabled={busy}
          data-testid="bulk-confirm-submit"
          onClick={() => void run()}
        >
          {busy ? busyLabel : `${label} ${stores.length} ${plural(stores.length)}`}
        </Button>
      </div>
    </DialogFrame>
  );
}

function pastTense(action: BulkAction): string {
  return action === 'stop' ? 'stopped' : action === 'start' ? 'started' : 'deleted';
}
