import * as Dialog from '@radix-ui/react-dialog';
import { Trash2 } from 'lucide-react';
import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { Store } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { Button } from '../ui/button';
import { DialogFrame, inputClass } from '../ui/dialog';

export function DeleteStoreDialog({ store }: { store: Store }): React.JSX.Element {
  const [open, setOpen] = useState(false);
  const deleting = store.status === 'Deleting' || store.status === 'Deleted';
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Trigger asChild>
        <Button data-testid="delete-store" disabled={deleting} className="text-failed">
          <Trash2 aria-hidden size={14} /> Delete
        </Button>
      </Dialog.Trigger>
      {open ? <DeleteForm store={store} onDone={() => setOpen(false)} /> : null}
    </Dialog.Root>
  );
}

function DeleteForm({ store, onDone }: { store: Store; onDone: () => void }): React.JSX.Element {
  const api = useApi();
  const id = useId();
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed === store.name;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!matches || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.deleteStore({ storeId: store.id });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <DialogFrame
      title={`Delete ${store.name}?`}
      description={
        <>
          This uninstalls the Helm release and deletes namespace{' '}
          <span className="font-mono">{store.namespace}</span> with its database, volumes and
          secrets. It cannot be undone.
        </>
      }
    >
      <form onSubmit={(e) => void submit(e)} className="flex flex-col gap-3" noValidate>
        <label htmlFor={id} className="flex flex-col gap-1">
          <span>
            Type <strong className="font-mono">{store.name}</strong> to confirm
          </span>
          <input
            id={id}
            data-testid="delete-confirm-input"
            className={`${inputClass} font-mono`}
            value={typed}
            autoFocus
            autoComplete="off"
            spellCheck={false}
            onChange={(e) => setTyped(e.target.value)}
          />
        </label>
        {error ? (
          <p role="alert" className="text-failed">
            {error}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <Dialog.Close asChild>
            <Button>Keep it</Button>
          </Dialog.Close>
          <Button
            type="submit"
            variant="danger"
            disabled={!matches || busy}
            data-testid="delete-confirm-submit"
          >
            {busy ? 'Deleting…' : 'Delete store'}
          </Button>
        </div>
      </form>
    </DialogFrame>
  );
}
