import { useLayoutEffect, useRef } from 'react';
import type { StoreLogLine } from '../../../../src-shared/ipc/contract';

// How close to the bottom still counts as "at the bottom" (a fraction of a line).
const NEAR_BOTTOM_PX = 8;

function time(at: string | null): string {
  return at ? at.slice(11, 19) : '';
}

/**
 * The lines, newest at the bottom. It follows new lines while the reader is at the bottom and
 * stays put once they scroll up; scrolling back down follows again.
 */
export function LogView({
  lines,
  empty,
  showComponent = false,
}: {
  lines: readonly StoreLogLine[];
  empty: string;
  /** names each line's component (for All, where lines of every component mix) */
  showComponent?: boolean;
}): React.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const follow = useRef(true);

  useLayoutEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [lines]);

  const onScroll = () => {
    const el = box.current;
    if (!el) return;
    follow.current = el.scrollHeight - el.scrollTop - el.clientHeight <= NEAR_BOTTOM_PX;
  };

  return (
    <div
      ref={box}
      onScroll={onScroll}
      data-testid="log-view"
      role="log"
      aria-label="Log lines"
      tabIndex={0}
      className="h-96 overflow-auto rounded-ui border border-line bg-raised p-1.5 font-mono text-[11px] leading-4 focus-visible:outline-2 focus-visible:outline-accent"
    >
      {lines.length === 0 ? (
        <p className="text-muted">{empty}</p>
      ) : (
        lines.map((line, i) => (
          <div
            // Lines never move or change once shown; the index is a stable key here.
            key={i}
            data-testid="log-line"
            data-component={line.component}
            className={`break-words whitespace-pre-wrap ${line.level === 'warning' ? 'text-failed' : line.level === 'notice' ? 'text-muted italic' : ''}`}
            title={line.origin}
          >
            <span className="text-muted">{time(line.at)} </span>
            {showComponent ? <span className="text-muted">[{line.component}] </span> : null}
            {line.level === 'warning' ? <span className="font-semibold">Warning </span> : null}
            {line.text}
          </div>
        ))
      )}
    </div>
  );
}
