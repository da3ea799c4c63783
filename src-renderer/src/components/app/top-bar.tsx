import { Plus } from 'lucide-react';
import { selectSelectedContext, useApp } from '../../state/app-store';
import { ContextSwitcher } from '../contexts/context-switcher';
import { HealthIndicator } from '../contexts/health-indicator';
import { Button } from '../ui/button';

export function TopBar({ onError }: { onError: (message: string) => void }): React.JSX.Element {
  const context = useApp(selectSelectedContext);
  return (
    <header className="flex h-bar shrink-0 items-center gap-2 border-b border-line bg-panel px-3">
      <h1 className="mr-2 text-sm font-semibold tracking-tight">Storefleet</h1>
      <ContextSwitcher onError={onError} />
      {context ? <HealthIndicator context={context} /> : null}
      <Button
        variant="primary"
        className="ml-auto"
        data-testid="create-store-button"
        disabled={!context}
        onClick={() => useApp.getState().setCreateOpen(true)}
      >
        <Plus aria-hidden size={14} /> Create store
      </Button>
    </header>
  );
}
