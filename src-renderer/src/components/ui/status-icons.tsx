// Every status badge draws its icon as a <use> of one symbol defined once per page. A list of 500
// rows then holds 500 tiny <svg><use/></svg> instead of 500 full lucide trees, and a status change
// rewrites one attribute instead of unmounting one icon component and mounting another.
import {
  Ban,
  CircleCheck,
  CircleHelp,
  CirclePause,
  CircleSlash,
  CircleX,
  Clock,
  LoaderCircle,
  Trash2,
} from 'lucide-react';
import type { LucideIcon } from 'lucide-react';
import type { StoreStatus } from '../../../../src-shared/types/store-types';

const ICON: Record<StoreStatus, LucideIcon> = {
  Queued: Clock,
  Provisioning: LoaderCircle,
  Updating: LoaderCircle,
  Deleting: Trash2,
  Ready: CircleCheck,
  Failed: CircleX,
  Missing: CircleHelp,
  Stopped: CirclePause,
  Deleted: Ban,
  Cancelled: CircleSlash,
};

const symbolId = (status: StoreStatus): string => `status-icon-${status}`;

/** The symbols every StatusIcon points at; render it once, near the root. */
export function StatusIconSprite(): React.JSX.Element {
  return (
    <svg aria-hidden width="0" height="0" className="absolute">
      {(Object.keys(ICON) as StoreStatus[]).map((status) => {
        const Icon = ICON[status];
        return (
          <symbol key={status} id={symbolId(status)} viewBox="0 0 24 24">
            <Icon size={24} />
          </symbol>
        );
      })}
    </svg>
  );
}

/** Strokes in currentColor, as the lucide icon it stands for; decorative, so aria-hidden. */
export function StatusIcon({
  status,
  size,
  className,
}: {
  status: StoreStatus;
  size: number;
  className?: string;
}): React.JSX.Element {
  return (
    <svg aria-hidden width={size} height={size} className={className}>
      <use href={`#${symbolId(status)}`} />
    </svg>
  );
}
