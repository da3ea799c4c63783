import * as Dialog from '@radix-ui/react-dialog';
import { TriangleAlert } from 'lucide-react';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import {
  STORE_NAME_MAX_LENGTH,
  STORE_NAME_RULE,
  storeNameProblem,
} from '../../../../src-shared/rules/store-name-rule';
import type { StoreKind } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { useApp } from '../../state/app-store';
import { useStores } from '../../state/stores-store';
import { Button } from '../ui/button';
import { DialogFrame, inputClass } from '../ui/dialog';
import { KindSelect } from './kind-select';

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
  const [name, setName] = useState('');
  const [kind, setKind] = useState<StoreKind>('woocommerce');
  const [remoteConfirmed, setRemoteConfirmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);

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
            value={name}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            maxLength={STORE_NAME_MAX_LENGTH + 20}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${ids}-hint ${ids}-error`}
            onChange={(e) => {
              setName(e.target.value);
              setServerError(null);
            }}
          />
          <span id={`${ids}-hint`} className="text-xs text-muted">
            {STORE_NAME_RULE} The store will answer at{' '}
            <span className="font-mono">http://{name && !problem ? name : 'name'}.localhost</span>
          </span>
        </label>
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-kind`} className="font-medium">
            Kind
          </label>
          <KindSelect id={`${ids}-kind`} kinds={kinds} value={kind} onChange={setKind} />
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
