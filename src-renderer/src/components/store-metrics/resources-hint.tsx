import { selectSelectedContext, useApp } from '../../state/app-store';
import { useResources } from './resources-store';
import { useResourcePolling } from './use-resource-polling';

/**
 * Keeps the list's resource figures fresh while the list is shown, and says once, above the
 * rows, why there are none when the cluster has no metrics-server (or it does not answer).
 */
export function ResourcesHint(): React.JSX.Element | null {
  const context = useApp(selectSelectedContext);
  useResourcePolling(context);
  const status = useResources((s) => (context ? s.status[context] : undefined));
  if (!status?.message) return null;
  return (
    <p
      role="status"
      data-testid="resources-hint"
      className="border-b border-line px-3 py-1.5 text-xs text-muted"
    >
      {status.message}
    </p>
  );
}
