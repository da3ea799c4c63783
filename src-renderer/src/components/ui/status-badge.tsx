import { memo } from 'react';
import type { StoreStatus } from '../../../../src-shared/types/store-types';
import { STATUS_TONE } from '../../lib/status';
import { StatusIcon } from './status-icons';
import { TONE_CHIP } from './tone';

/** Status as icon plus word, never colour alone. */
export const StatusBadge = memo(function StatusBadge({
  status,
  testId,
  animate = false,
}: {
  status: StoreStatus;
  testId?: string;
  /** Spin the working icon. Off in the list: a hundred spinners repaint every frame. */
  animate?: boolean;
}): React.JSX.Element {
  const spinning = animate && (status === 'Provisioning' || status === 'Updating');
  return (
    <span
      data-testid={testId}
      data-status={status}
      className={`inline-flex h-5 items-center gap-1 rounded-ui px-1.5 text-xs font-medium ${TONE_CHIP[STATUS_TONE[status]]}`}
    >
      <StatusIcon
        status={status}
        size={13}
        className={spinning ? 'animate-spin motion-reduce:animate-none' : undefined}
      />
      {status}
    </span>
  );
});
