import { useLayoutEffect, useState } from 'react';

/** Rows [start, end) of a list that are drawn; the others are only space in the scroll area. */
export interface RowWindow {
  start: number;
  end: number;
}

/** Rows drawn beyond each edge of the viewport, so a fast scroll or Tab never meets a gap. */
export const OVERSCAN_ROWS = 10;

export interface Viewport {
  rowCount: number;
  rowPx: number;
  /** space above the first row inside the scroller (the sticky header) */
  offsetPx: number;
  scrollTop: number;
  heightPx: number;
}

/** Which rows cover the viewport, plus the overscan on both sides. */
export function rowWindow(v: Viewport): RowWindow {
  if (v.rowCount <= 0 || v.rowPx <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, v.scrollTop - v.offsetPx) / v.rowPx);
  const visible = Math.ceil(Math.max(0, v.heightPx) / v.rowPx) + 1;
  const start = Math.min(v.rowCount, Math.max(0, first - OVERSCAN_ROWS));
  const end = Math.min(v.rowCount, first + visible + OVERSCAN_ROWS);
  return { start, end };
}

/**
 * The rows to draw for a scroller holding `rowCount` rows of `rowPx` each. Follows scrolling and
 * resizing, and re-renders only when the window itself moves, not on every scrolled pixel.
 */
export function useRowWindow(
  scroller: HTMLElement | null,
  rowCount: number,
  rowPx: number,
  offsetPx: number,
): RowWindow {
  const [range, setRange] = useState<RowWindow>(() =>
    rowWindow({ rowCount, rowPx, offsetPx, scrollTop: 0, heightPx: 0 }),
  );
  useLayoutEffect(() => {
    if (!scroller) return undefined;
    const update = (): void => {
      const next = rowWindow({
        rowCount,
        rowPx,
        offsetPx,
        scrollTop: scroller.scrollTop,
        heightPx: scroller.clientHeight,
      });
      setRange((w) => (w.start === next.start && w.end === next.end ? w : next));
    };
    update();
    scroller.addEventListener('scroll', update, { passive: true });
    const resize = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(update);
    resize?.observe(scroller);
    return () => {
      scroller.removeEventListener('scroll', update);
      resize?.disconnect();
    };
  }, [scroller, rowCount, rowPx, offsetPx]);
  return range;
}
