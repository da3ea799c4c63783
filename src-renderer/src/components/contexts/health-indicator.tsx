import * as Tooltip from '@radix-ui/react-tooltip';
import { RefreshCw } from 'lucide-react';
import { useApi } from '../../api/api-context';
import { probeContext } from '../../state/actions';
import { useApp } from '../../state/app-store';
import { formatClock } from '../../lib/time';
import { describeHealth } from './health';

const DOT: Record<string, string> = {
  ready: 'bg-ready',
  working: 'bg-working',
  failed: 'bg-failed',
  warn: 'bg-warn',
  idle: 'bg-idle',
};

/** Health of the selected context as dot plus word; details and a re-check on demand. */
export function HealthIndicator({ context }: { context: string }): React.JSX.Element {
  const api = useApi();
  const probe = useApp((s) => s.probes[context]);
  const health = describeHealth(probe);
  const checking = probe?.state === 'checking';
  const checkedAt = probe?.state === 'done' ? probe.probe.checkedAt : null;
  return (
    <div className="flex items-center gap-1" data-testid="context-health" data-health={health.word}>
      <Tooltip.Root>
        <Tooltip.Trigger asChild>
          <span
            tabIndex={0}
            className="inline-flex h-7 items-center gap-1.5 rounded-ui px-1.5 text-xs outline-offset-2 focus-visible:outline-2 focus-visible:outline-accent"
          >
            <span aria-hidden className={`size-2 rounded-full ${DOT[health.tone]}`} />
            {health.word}
          </span>
        </Tooltip.Trigger>
        <Tooltip.Portal>
          <Tooltip.Content
            side="bottom"
            sideOffset={4}
            className="z-50 max-w-sm rounded-ui border border-line bg-panel px-2.5 py-1.5 text-xs shadow-md"
          >
            {health.detail}
            {checkedAt ? (
              <span className="block text-muted">Checked at {formatClock(checkedAt)}</span>
            ) : null}
          </Tooltip.Content>
        </Tooltip.Portal>
      </Tooltip.Root>
      <button
        type="button"
        aria-label="Check the cluster again"
        title="Check the cluster again"
        disabled={checking}
        onClick={() => void probeContext(api, context)}
        className="inline-flex size-7 items-center justify-center rounded-ui text-muted outline-offset-2 hover:bg-raised focus-visible:outline-2 focus-visible:outline-accent disabled:opacity-50"
      >
        <RefreshCw aria-hidden size={13} className={checking ? 'animate-spin' : undefined} />
      </button>
    </div>
  );
}
