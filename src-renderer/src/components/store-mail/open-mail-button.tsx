import { Mail } from 'lucide-react';
import { useState } from 'react';
import type { Store } from '../../../../src-shared/types/store-types';
import { useApi } from '../../api/api-context';
import { errorMessage } from '../../api/error-message';
import { openStoreLink } from '../../api/open-link';

/**
 * "Open mail": the store's mail catcher (Mailpit) at mail.<store host>, where WordPress's order
 * and account emails land. WooCommerce stores only; main says when a store has none.
 */
export function OpenMailButton({ store }: { store: Store }): React.JSX.Element | null {
  const api = useApi();
  const [error, setError] = useState<string | null>(null);
  if (store.kind !== 'woocommerce' || (store.status !== 'Ready' && store.status !== 'Updating')) {
    return null;
  }
  return (
    <section aria-label="Mail" className="flex flex-col gap-1.5">
      <h3 className="font-semibold">Mail</h3>
      <button
        type="button"
        data-testid="open-mail"
        className="inline-flex items-center gap-1.5 self-start rounded-ui border border-line px-2 py-1 hover:bg-raised focus-visible:outline-2 focus-visible:outline-accent"
        onClick={() => {
          setError(null);
          openStoreLink(api, { storeId: store.id, target: 'mail' }).catch((e: unknown) =>
            setError(errorMessage(e)),
          );
        }}
      >
        <Mail aria-hidden size={14} />
        Open mail
      </button>
      {error ? (
        <p role="alert" className="text-xs text-failed" data-testid="open-mail-error">
          {error}
        </p>
      ) : (
        <p className="text-xs text-muted">The emails the store sent, caught before they leave.</p>
      )}
    </section>
  );
}
