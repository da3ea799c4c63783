import * as Dialog from '@radix-ui/react-dialog';
import { TriangleAlert } from 'lucide-react';
import { useEffect, useId, useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import {
  STORE_NAME_MAX_LENGTH,
  STORE_NAME_RULE,
  storeNameProblem,
} from '../../../../src-shared/rules/store-name-rule';
import type { Settings } from '../../../../src-shared/types/service-types';
import type { StoreKind } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { useApp } from '../../state/app-store';
import { useStores } from '../../state/stores-store';
import { useNow } from '../../state/ticker';
import { Button } from '../ui/button';
import { DialogFrame, inputClass } from '../ui/dialog';
import { createLimits, limitBlock } from './create-limits';
import { KindSelect } from './kind-select';
import { finalName, slugifyTyped } from './store-slug';

export function CreateStoreDialog(): React.JSX.Element {
  const open = useApp((s) => s.createOpen);
  return (
    <Dialog.Root open={open} onOpenChange={(o) => useApp.getState().setCreateOpen(o)}>
      {open ? <CreateStoreForm /> : null}
    </Dialog.Root>
  );
}

function CreateStoreForm(): React.JSX.Element {
  const api = useApi();
  const ids = useId();
  const list = useApp((s) => s.contexts);
  const kinds = useApp((s) => s.kinds);
  const context = list?.contexts.find((c) => c.name === list.selected) ?? null;
  // What the field shows, converted as typed; `name` is what would be submitted.
  const [typed, setTyped] = useState('');
  const name = finalName(typed);
  const [kind, setKind] = useState<StoreKind>('woocommerce');
  const [remoteConfirmed, setRemoteConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  useEffect(() => {
    let live = true;
    // Without the limits the dialog still works; main enforces them on submit either way.
    api.getSettings({}).then(
      (s) => live && setSettings(s),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  const byId = useStores((s) => s.byId);
  const now = useNow();
  const limits = useMemo(
    () =>
      settings && context ? createLimits(Object.values(byId), context.name, settings, now) : null,
    [byId, context, settings, now],
  );
  const blocked = limits && context ? limitBlock(limits, now, context.name) : null;

  const taken = useStores((s) =>
    Object.values(s.byId).some(
      (st) => st.context === context?.name && st.name === name && st.status !== 'Deleted',
    ),
  );
  const problem = name
    ? (storeNameProblem(name) ?? (taken ? `A store named ${name} already exists here.` : null))
    : null;
  const needsRemoteConfirm = context !== null && !context.local;
  const canSubmit =
    context !== null &&
    name !== '' &&
    !problem &&
    !busy &&
    !blocked &&
    (!needsRemoteConfirm || remoteConfirmed);
  const shownError = problem ?? serverError;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit || !context) return;
    setBusy(true);
    setServerError(null);
    try {
      const store = await api.createStore({ context: context.name, name, kind });
      useStores.getState().upsert(store);
      useApp.getState().setCreateOpen(false);
    } catch (error) {
      setServerError(errorMessage(error));
      setBusy(false);
    }
  };

  return (
    <DialogFrame
      title="Create a store"
      description={context ? <>On context {context.name}.</> : 'Choose a context first.'}
      testId="create-store-dialog"
    >
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3" noValidate>
        <label className="flex flex-col gap-1" htmlFor={`${ids}-name`}>
          <span className="font-medium">Name</span>
          <input
            id={`${ids}-name`}
            data-testid="create-store-name"
            className={`${inputClass} font-mono`}
            value={typed}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            maxLength={STORE_NAME_MAX_LENGTH + 20}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${ids}-hint ${ids}-error`}
            onChange={(e) => {
              setTyped(slugifyTyped(e.target.value));
              setServerError(null);
            }}
          />
          <span id={`${ids}-hint`} className="text-xs text-muted">
            {STORE_NAME_RULE} Spaces become hyphens as you type. The store will answer at{' '}
            <span className="font-mono">http://{name && !problem ? name : 'name'}.localhost</span>
          </span>
        </label>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-kind`} className="font-medium">
            Kind
          </label>
          <KindSelect id={`${ids}-kind`} kinds={kinds} value={kind} onChange={setKind} />
          <span className="text-xs text-muted" data-testid="create-store-kind-hint">
            {kind === 'medusa'
              ? 'Medusa with PostgreSQL, a demo product and the system payment provider; its admin is at /app. On a local k3d cluster the first Medusa store builds its image, which takes several minutes.'
              : 'WordPress and WooCommerce with MariaDB, a demo product and Cash on Delivery.'}
          </span>
        </div>
        {needsRemoteConfirm ? (
          <div
            className="flex flex-col gap-1.5 rounded-ui bg-warn/10 p-2"
            data-testid="remote-warning"
          >
            <p className="flex items-start gap-1.5">
              <TriangleAlert aria-hidden size={15} className="mt-0.5 shrink-0 text-warn" />
              <span>
                <strong>{context.name}</strong> is not on this machine ({context.server}). The store
                will use that cluster’s CPU, memory and storage.
              </span>
            </p>
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                data-testid="remote-confirm"
                checked={remoteConfirmed}
                onChange={(e) => setRemoteConfirmed(e.target.checked)}
              />
              Yes, create it on {context.name}
            </label>
          </div>
        ) : null}
        {limits ? (
          <p className="text-xs text-muted" data-testid="create-limits">
            {limits.active} of {limits.maxStores} stores on {context?.name} · {limits.recent} of{' '}
            {limits.maxPerMinute} creations in the last minute
          </p>
        ) : null}
        {blocked ? (
          <p
            role="status"
            data-testid="create-limit-reached"
            className="flex items-start gap-1.5 rounded-ui bg-warn/10 p-2"
          >
            <TriangleAlert aria-hidden size={15} className="mt-0.5 shrink-0 text-warn" />
            <span>{blocked}</span>
          </p>
        ) : null}
        <p
          id={`${ids}-error`}
          data-testid={shownError ? 'create-store-error' : undefined}
          role={shownError ? 'alert' : undefined}
          className="min-h-5 text-failed whitespace-pre-wrap"
        >
          {shownError}
        </p>
        <div className="flex justify-end gap-2">
          <Dialog.Close asChild>
            <Button>Cancel</Button>
          </Dialog.Close>
          <Button
            type="submit"
            variant="primary"
            disabled={!canSubmit}
            data-testid="create-store-submit"
          >
            {busy ? 'Creating…' : 'Create store'}
          </Button>
        </div>
      </form>
    </DialogFrame>
  );
}
