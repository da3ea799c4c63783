// Start, stop and delete of the selected k3d cluster, from the context switcher. Delete asks
// first and names the stores that go with the cluster; the commands themselves run in main.
import * as Dialog from '@radix-ui/react-dialog';
import * as Menu from '@radix-ui/react-dropdown-menu';
import { useState } from 'react';
import type { KubeContextInfo } from '../../../../src-shared/types/service-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { loadContexts, probeContext } from '../../state/actions';
import { Button } from '../ui/button';
import { DialogFrame } from '../ui/dialog';

/** The k3d cluster behind a context k3d wrote (`k3d-<name>`), or null. */
export function k3dClusterName(context: KubeContextInfo | null): string | null {
  if (!context || context.kind !== 'k3d' || !context.name.startsWith('k3d-')) return null;
  const name = context.name.slice(4);
  return /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/.test(name) ? name : null;
}

const itemClass =
  'flex h-8 cursor-default items-center gap-2 rounded-ui px-2 pl-8 outline-none data-[highlighted]:bg-raised data-[disabled]:text-muted';

export function K3dClusterItems({
  context,
  cluster,
  busy,
  onRun,
  onDelete,
}: {
  context: string;
  cluster: string;
  busy: boolean;
  onRun: (action: 'start' | 'stop') => void;
  onDelete: () => void;
}): React.JSX.Element {
  return (
    <>
      <Menu.Separator className="my-1 h-px bg-line" />
      <Menu.Label className="px-2 py-1 text-xs text-muted">k3d cluster {cluster}</Menu.Label>
      <Menu.Item
        className={itemClass}
        disabled={busy}
        data-testid={`cluster-start-${context}`}
        onSelect={() => onRun('start')}
      >
        Start cluster
      </Menu.Item>
      <Menu.Item
        className={itemClass}
        disabled={busy}
        data-testid={`cluster-stop-${context}`}
        onSelect={() => onRun('stop')}
      >
        Stop cluster
      </Menu.Item>
      <Menu.Item
        className={`${itemClass} text-failed`}
        disabled={busy}
        data-testid={`cluster-delete-${context}`}
        onSelect={onDelete}
      >
        Delete cluster…
      </Menu.Item>
    </>
  );
}

/** Runs start/stop/delete and keeps what the page shows up to date. */
export function useK3dClusterActions(onError: (message: string) => void) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [deleting, setDeleting] = useState<{ context: string; cluster: string } | null>(null);
  const run = (action: 'start' | 'stop' | 'delete', context: string, cluster: string): void => {
    setBusy(true);
    const call =
      action === 'start'
        ? api.startLocalCluster({ name: cluster })
        : action === 'stop'
          ? api.stopLocalCluster({ name: cluster })
          : api.deleteLocalCluster({ name: cluster });
    call
      .then(async () => {
        await loadContexts(api);
        if (action !== 'delete') await probeContext(api, context);
      })
      .catch((e: unknown) => onError(errorMessage(e)))
      .finally(() => setBusy(false));
  };
  return { busy, deleting, setDeleting, run };
}

export function DeleteClusterDialog({
  target,
  storeNames,
  onCancel,
  onConfirm,
}: {
  target: { context: string; cluster: string } | null;
  /** null while they are being listed */
  storeNames: string[] | null;
  onCancel: () => void;
  onConfirm: () => void;
}): React.JSX.Element {
  return (
    <Dialog.Root open={target !== null} onOpenChange={(open) => (open ? null : onCancel())}>
      {target ? (
        <DialogFrame
          title={`Delete the k3d cluster ${target.cluster}?`}
          description="The cluster and everything in it are removed for good: its stores, their databases and uploads."
          testId="delete-cluster-confirm"
        >
          {storeNames === null ? (
            <p className="mb-3 text-muted">Looking for the stores in {target.context}.</p>
          ) : storeNames.length === 0 ? (
            <p className="mb-3 text-muted">Storefleet has no stores in {target.context}.</p>
          ) : (
            <>
              <p className="mb-1">
                {storeNames.length === 1
                  ? 'This store goes with it:'
                  : `These ${storeNames.length} stores go with it:`}
              </p>
              <ul
                aria-label="Stores deleted with the cluster"
                className="mb-3 max-h-48 overflow-auto rounded-ui border border-line bg-bg p-2 font-mono text-xs"
              >
                {[...storeNames].sort().map((n) => (
                  <li key={n}>{n}</li>
                ))}
              </ul>
            </>
          )}
          <div className="flex justify-end gap-2">
            <Dialog.Close asChild>
              <Button>Keep it</Button>
            </Dialog.Close>
            <Button variant="danger" onClick={onConfirm} data-testid="delete-cluster-submit">
              Delete cluster {target.cluster}
            </Button>
          </div>
        </DialogFrame>
      ) : null}
    </Dialog.Root>
  );
}
