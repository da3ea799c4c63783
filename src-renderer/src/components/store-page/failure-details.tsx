import type { Store, StoreEvent } from '../../../../src-shared/types/store-types';
import { toUserSentence } from '../../api/error-message';
import { STEP_LABEL } from '../../lib/status';
import { Details } from '../ui/details';
import { failedEventMessage } from './timeline-model';

/**
 * Why the store Failed, as one sentence, with what the tool or workload said (redacted and
 * capped by main) behind "Details". Older stores recorded no details; the failed step's event
 * message (a Job's log tail) stands in for them.
 */
export function FailureDetails({
  store,
  events,
}: {
  store: Store;
  events: readonly StoreEvent[];
}): React.JSX.Element {
  const reason = store.error ? toUserSentence(store.error) : 'No reason was recorded.';
  const details = store.errorDetails || failedEventMessage(events, store.step);
  return (
    <section aria-label="Failure" className="flex flex-col gap-1.5 rounded-ui bg-failed/10 p-2.5">
      <h3 className="font-semibold text-failed">
        Failed{store.step ? ` at ${STEP_LABEL[store.step]}` : ''}
      </h3>
      <pre data-testid="failure-reason" className="font-sans break-words whitespace-pre-wrap">
        {reason}
      </pre>
      {details && details.trim() !== reason.trim() ? (
        <Details testId="failure-log-tail">{details}</Details>
      ) : null}
      <p className="text-xs text-muted">
        Retry runs again from this step. Upgrade or roll back below if the values were the problem.
      </p>
    </section>
  );
}
