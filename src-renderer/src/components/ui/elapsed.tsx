import { elapsedSince } from '../../lib/time';
import { useNow } from '../../state/ticker';

/** Live "m:ss" since a timestamp, driven by the shared ticker. */
export function Elapsed({ since }: { since: string }): React.JSX.Element {
  const now = useNow();
  return <span className="tabular-nums">{elapsedSince(since, now)}</span>;
}
