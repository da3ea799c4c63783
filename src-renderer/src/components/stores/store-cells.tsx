// Small leaves of a store row. The clocks re-render alone on their tick, never their row.
import { Check, Copy } from 'lucide-react';
import { useEffect, useState } from 'react';
import type { Store } from '../../../../src-shared/types/store-types';
import { STEP_LABEL, isWorking } from '../../lib/status';
import { formatDateTime } from '../../lib/time';
import { useMinuteNow } from '../../state/ticker';
import { Elapsed } from '../ui/elapsed';
import { formatDuration, ordinal } from './list-model';

const dayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const minuteFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** A clock time for today, a date before that. */
function sinceText(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '';
  const sameDay = new Date(t).toDateString() === new Date().toDateString();
  return (sameDay ? minuteFormat : dayFormat).format(t);
}

/** What the store is doing, or since when it has been as it is. */
export function progressText(store: Store, queuePosition: number | undefined): string {
  if (store.status === 'Queued') {
    return queuePosition ? `${ordinal(queuePosition)} in queue` : 'Waiting for a slot';
  }
  if (store.status === 'Failed' || store.status === 'Cancelled') {
    return store.step ? `at ${STEP_LABEL[store.step]}` : '';
  }
  if (isWorking(store.status)) return store.step ? STEP_LABEL[store.step] : 'Starting';
  const since = sinceText(store.statusSince);
  return since ? `since ${since}` : '';
}

/** Time in the current status: a live clock while working, minutes and hours once settled. */
export function InStatusFor({ store }: { store: Store }): React.JSX.Element {
  return isWorking(store.status) ? (
    <Elapsed since={store.statusSince} />
  ) : (
    <SettledFor since={store.statusSince} />
  );
}

function SettledFor({ since }: { since: string }): React.JSX.Element {
  const now = useMinuteNow();
  const start = Date.parse(since);
  if (Number.isNaN(start)) return <span />;
  const ms = Math.max(0, now - start);
  // Seconds are noise for a store that has been Ready for hours.
  return (
    <span className="tabular-nums">
      {ms < 60_000 ? '< 1 min' : formatDuration(ms - (ms % 60_000))}
    </span>
  );
}

export function CreatedAt({ iso }: { iso: string }): React.JSX.Element {
  const text = formatDateTime(iso);
  return (
    <time dateTime={iso} title={`Created ${text}`}>
      {text}
    </time>
  );
}

/** Copies a store's address; says so for a moment, and hands a refusal to onError. */
export function CopyLinkButton({
  name,
  onCopy,
}: {
  name: string;
  onCopy: () => Promise<boolean>;
}): React.JSX.Element {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <button
      type="button"
      aria-label={copied ? `Link to ${name} copied` : `Copy link to ${name}`}
      title={copied ? 'Copied' : 'Copy link'}
      data-testid={`copy-link-${name}`}
      className="shrink-0 rounded-ui p-1 text-muted outline-offset-1 hover:bg-raised hover:text-fg focus-visible:outline-2 focus-visible:outline-accent"
      onClick={(e) => {
        e.stopPropagation();
        void onCopy().then(setCopied);
      }}
    >
      {copied ? <Check aria-hidden size={13} /> : <Copy aria-hidden size={13} />}
    </button>
  );
}
