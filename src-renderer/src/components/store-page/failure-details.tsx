import type { Store, StoreEvent } from '../../../../src-shared/types/store-types';
import { STEP_LABEL } from '../../lib/status';
import { failedEventMessage } from './timeline-model';

export function FailureDetails({
  store,
  events,
}: {
  store: Store;
  events: readonly StoreEvent[];
}): React.JSX.Element {
  const reason = store.error ?? 'No reason was recorded.';
  const tail = failedEventMessage(events, store.step);
  return (
    <section aria-label="Failure" className="flex flex-col gap-1.5 rounded-ui bg-failed/10 p-2.5">
      <h3 className="font-semibold text-failed">
        Failed{store.step ? ` at ${STEP_LABEL[store.step]}` : ''}
      </h3>
      <pre
        data-testid="failure-reason"
        className="max-h-48 overflow-auto font-mono text-xs whitespace-pre-wrap break-words"
      >
        {reason}
      </pre>
      {tail && tail !== reason ? (
        <>
          <h4 className="text-xs font-medium text-muted">Log tail</h4>
          <pre
            data-testid="failure-log-tail"
            className="max-h-64 overflow-auto rounded-ui bg-bg p-2 font-mono text-xs whitespace-pre-wrap break-words"
          >
            {tail}
          </pre>
        </>
      ) : null}
    </section>
  );
}
