import { CircleCheck, CircleDashed, CircleX, LoaderCircle } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { StoreEvent, StoreStatus } from '../../../../src-shared/types/store-types';
import { STEP_LABEL } from '../../lib/status';
import { formatClock, formatElapsed } from '../../lib/time';
import { Elapsed } from '../ui/elapsed';
import { buildTimeline } from './timeline-model';
import type { StepState, TimelineStep } from './timeline-model';

const LOOK: Record<StepState, { icon: LucideIcon; className: string; word: string }> = {
  pending: { icon: CircleDashed, className: 'text-idle', word: 'pending' },
  running: {
    icon: LoaderCircle,
    className: 'text-working animate-spin motion-reduce:animate-none',
    word: 'running',
  },
  succeeded: { icon: CircleCheck, className: 'text-ready', word: 'done' },
  failed: { icon: CircleX, className: 'text-failed', word: 'failed' },
};

export function Timeline({
  events,
  status,
}: {
  events: readonly StoreEvent[];
  status: StoreStatus;
}): React.JSX.Element {
  const steps = buildTimeline(events, status);
  if (steps.length === 0) return <p className="text-muted">No steps have run yet.</p>;
  return (
    <ol className="flex flex-col" aria-label="Steps">
      {steps.map((s) => (
        <TimelineRow key={s.step} step={s} />
      ))}
    </ol>
  );
}

function TimelineRow({ step }: { step: TimelineStep }): React.JSX.Element {
  const look = LOOK[step.state];
  const Icon = look.icon;
  return (
    <li
      data-testid={`timeline-step-${step.step}`}
      data-step-state={step.state}
      className="grid h-row grid-cols-[1rem_7.5rem_1fr_auto] items-center gap-2"
    >
      <Icon aria-hidden size={14} className={look.className} />
      <span className={step.state === 'pending' ? 'text-muted' : 'font-medium'}>
        {STEP_LABEL[step.step]}
        <span className="sr-only"> {look.word}</span>
      </span>
      <span className="truncate text-muted" title={step.message}>
        {step.message}
      </span>
      <span className="text-right text-xs text-muted tabular-nums">
        <StepTimes step={step} />
      </span>
    </li>
  );
}

function StepTimes({ step }: { step: TimelineStep }): React.JSX.Element | null {
  const clock = step.startedAt ?? step.endedAt;
  if (!clock) return null;
  // A step seen only by its end event has no known duration; show when it ended instead.
  if (!step.startedAt) return <>{formatClock(clock)}</>;
  return (
    <>
      {formatClock(clock)} ·{' '}
      {step.state === 'running' ? (
        <Elapsed since={step.startedAt} />
      ) : step.endedAt ? (
        formatElapsed(Date.parse(step.endedAt) - Date.parse(step.startedAt))
      ) : null}
    </>
  );
}
