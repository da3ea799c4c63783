import { CircleCheck, CircleDashed, CircleSlash, CircleX, LoaderCircle } from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { StoreEvent, StoreKind, StoreStatus } from '../../../../src-shared/types/store-types';
import { STEP_LABEL } from '../../lib/status';
import { formatClock, formatDateTime, formatElapsed } from '../../lib/time';
import { Elapsed } from '../ui/elapsed';
import { buildAttempts } from './timeline-model';
import type { Attempt, AttemptOutcome, StepState, TimelineStep } from './timeline-model';

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

const OUTCOME: Record<AttemptOutcome, { icon: LucideIcon; className: string; word: string }> = {
  running: { icon: LoaderCircle, className: 'text-working', word: 'running' },
  succeeded: { icon: CircleCheck, className: 'text-ready', word: 'done' },
  failed: { icon: CircleX, className: 'text-failed', word: 'failed' },
  cancelled: { icon: CircleSlash, className: 'text-idle', word: 'cancelled' },
};

/**
 * The store's steps grouped by attempt (create, retry, upgrade, rollback, stop, start, delete),
 * oldest first. The latest attempt is open; earlier ones fold away but keep every message.
 */
export function Timeline({
  events,
  status,
  kind = 'woocommerce',
}: {
  events: readonly StoreEvent[];
  status: StoreStatus;
  /** the store's kind: which set-up steps are still to come */
  kind?: StoreKind;
}): React.JSX.Element {
  const attempts = buildAttempts(events, status, kind);
  if (attempts.length === 0) return <p className="text-muted">No steps have run yet.</p>;
  const latest = attempts.length - 1;
  return (
    <ol className="flex flex-col gap-2" aria-label="Attempts" data-testid="timeline">
      {attempts.map((a, i) => (
        <li key={i} data-testid={`timeline-attempt-${i + 1}`} data-attempt-kind={a.kind}>
          <details open={i === latest} className="flex flex-col">
            <AttemptHeading attempt={a} />
            <ol className="mt-1 flex flex-col" aria-label={`${a.label} steps`}>
              {a.steps.map((s) => (
                <TimelineRow
                  key={s.step}
                  step={s}
                  testId={
                    i === latest ? `timeline-step-${s.step}` : `timeline-step-${s.step}-${i + 1}`
                  }
                />
              ))}
            </ol>
          </details>
        </li>
      ))}
    </ol>
  );
}

function AttemptHeading({ attempt }: { attempt: Attempt }): React.JSX.Element {
  const look = OUTCOME[attempt.outcome];
  const Icon = look.icon;
  return (
    <summary
      data-testid="timeline-attempt-heading"
      data-outcome={attempt.outcome}
      className="flex cursor-pointer items-center gap-2 rounded-ui text-xs font-medium outline-offset-2 focus-visible:outline-2 focus-visible:outline-accent"
    >
      <Icon aria-hidden size={13} className={look.className} />
      <span>
        {attempt.label} · {look.word}
      </span>
      {attempt.startedAt ? (
        <span className="ml-auto text-muted tabular-nums">
          <time dateTime={attempt.startedAt}>{formatDateTime(attempt.startedAt)}</time>
          {attempt.endedAt ? (
            <> · {formatElapsed(Date.parse(attempt.endedAt) - Date.parse(attempt.startedAt))}</>
          ) : null}
        </span>
      ) : null}
    </summary>
  );
}

function TimelineRow({ step, testId }: { step: TimelineStep; testId: string }): React.JSX.Element {
  const look = LOOK[step.state];
  const Icon = look.icon;
  return (
    <li
      data-testid={testId}
      data-step-state={step.state}
      className="grid min-h-row grid-cols-[1rem_7.5rem_1fr_auto] items-start gap-x-2 py-0.5"
    >
      <Icon aria-hidden size={14} className={`mt-0.5 ${look.className}`} />
      <span className={step.state === 'pending' ? 'text-muted' : 'font-medium'}>
        {STEP_LABEL[step.step]}
        <span className="sr-only"> {look.word}</span>
      </span>
      <span className="min-w-0 break-words whitespace-pre-wrap text-muted">{step.message}</span>
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
