import { Plus, Settings } from 'lucide-react';
import { useContextReachable } from '../../lib/use-context-reachable';
import { selectSelectedContext, useApp } from '../../state/app-store';
import { ContextSwitcher } from '../contexts/context-switcher';
import { HealthIndicator } from '../contexts/health-indicator';
import { Button } from '../ui/button';

export function TopBar({ onError }: { onError: (message: string) => void }): React.JSX.Element {
  const context = useApp(selectSelectedContext);
  // A store cannot be set up on a cluster that does not answer; the health indicator says why.
  const unreachable = useContextReachable(context ?? undefined) === false;
  return (
    <header className="flex h-bar shrink-0 items-center gap-2 border-b border-line bg-panel px-3">
      <h1 className="mr-2 text-sm font-semibold tracking-tight">Storefleet</h1>
      <ContextSwitcher onError={onError} />
      {context ? <HealthIndicator context={context} /> : null}
      <button
        type="button"
        aria-label="Settings"
        title="Settings"
        data-testid="settings-button"
        onClick={() => useApp.getState().setSettingsOpen(true)}
        className="ml-auto inline-flex size-7 items-center justify-center rounded-ui text-muted outline-offset-2 hover:bg-raised focus-visible:outline-2 focus-visible:outline-accent"
      >
        <Settings aria-hidden size={15} />
      </button>
      <Button
        variant="primary"
        data-testid="create-store-button"
        disabled={!context || unreachable}
        title={
          unreachable
            ? 'The cluster cannot be reached, so no store can be created on it.'
            : undefined
        }
        onClick={() => useApp.getState().setCreateOpen(true)}
      >
        <Plus aria-hidden size={14} /> Create store
      </Button>
    </header>
  );
}
