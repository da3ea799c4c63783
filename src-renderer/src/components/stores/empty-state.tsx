import { Plus, Store as StoreIcon } from 'lucide-react';
import { useContextReachable } from '../../lib/use-context-reachable';
import { Button } from '../ui/button';

export function EmptyState({
  context,
  onCreate,
}: {
  context: string;
  onCreate: () => void;
}): React.JSX.Element {
  // As in the top bar: no store can be set up on a cluster that does not answer.
  const unreachable = useContextReachable(context) === false;
  return (
    <div className="mx-auto mt-16 flex max-w-md flex-col items-center gap-3 text-center">
      <StoreIcon aria-hidden size={32} className="text-muted" />
      <h2 className="text-base font-semibold">No stores on {context} yet</h2>
      <p className="text-muted">
        Each store is a WooCommerce shop in its own namespace, with its own database and an address
        like <span className="font-mono">http://name.localhost</span>. It is Ready once a real test
        order has gone through its checkout.
      </p>
      <Button variant="primary" onClick={onCreate} disabled={unreachable}>
        <Plus aria-hidden size={14} /> Create a store
      </Button>
    </div>
  );
}
