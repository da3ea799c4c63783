import type { Browser, Page } from '@playwright/test';
import type { Store } from '../../src-shared/types/store-types';
import type { BenchHook } from '../../src-renderer/src/bench/bench-hook';
import { SNAPSHOT_APPLY_MARK } from '../../src-renderer/src/state/perf-marks';

/** Page-clock milliseconds; null when the moment never came. */
export interface RenderTiming {
  /** navigation start → the list of `rows` stores drawn: load, parse, socket, round trips, render */
  navigationToRowsMs: number;
  /** snapshot handed to the zustand store → the frame after React committed the list */
  listRenderMs: number | null;
  /** snapshot handed to the zustand store → the list in the DOM (no style/layout/paint) */
  listCommitMs: number | null;
  /** every store replaced by an updated copy with another status → the next frame, per sample */
  rerenderMs: number[];
  /** a jump from the top of the list to its end → the frame with the last rows drawn */
  scrollToEndMs: number;
  /** phases from navigation start, to tell where the time went */
  domContentLoadedMs: number | null;
  socketOpenMs: number | null;
  snapshotAppliedMs: number | null;
}

interface BenchWindow {
  benchRowsAt?: number;
  benchRowsFrameAt?: number;
  benchSocketOpenAt?: number;
  storefleetBench?: BenchHook;
}

// Every status moves to another one that still shows in the list (Deleted rows are hidden).
const NEXT_STATUS: Record<Store['status'], Store['status']> = {
  Queued: 'Provisioning',
  Provisioning: 'Ready',
  Updating: 'Ready',
  Deleting: 'Missing',
  Ready: 'Updating',
  Failed: 'Queued',
  Cancelled: 'Queued',
  Missing: 'Stopped',
  Stopped: 'Failed',
  Deleted: 'Queued',
};

/**
 * One cold load in a fresh browser context (nothing cached): times the rows' arrival from
 * navigation start and from the snapshot mark the renderer sets, then replaces every store
 * `rerenders` times and times each replacement to the next frame.
 */
export async function timeListRender(
  browser: Browser,
  url: string,
  context: string,
  stores: readonly Store[],
  rerenders: number,
): Promise<RenderTiming> {
  const rows = stores.length;
  const browserContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await browserContext.newPage();
    await page.addInitScript((wanted: number) => {
      const w = window as BenchWindow;
      // The list draws the rows in view and announces the whole count in aria-rowcount: it is
      // there once the table counts every store and its first rows are drawn.
      const listed = `[data-testid="stores-table"][aria-rowcount="${wanted + 1}"]`;
      const observer = new MutationObserver(() => {
        const table = document.querySelector(listed);
        if (!table?.querySelector('[data-testid^="store-row-"]')) return;
        w.benchRowsAt = performance.now();
        observer.disconnect();
        // The first callback runs before the frame's style, layout and paint; the second one
        // runs once that frame is done.
        requestAnimationFrame(() =>
          requestAnimationFrame(() => (w.benchRowsFrameAt = performance.now())),
        );
      });
      observer.observe(document, { childList: true, subtree: true });
      const Native = window.WebSocket;
      window.WebSocket = class extends Native {
        constructor(...args: ConstructorParameters<typeof WebSocket>) {
          super(...args);
          this.addEventListener('open', () => (w.benchSocketOpenAt ??= performance.now()));
        }
      };
    }, rows);
    await page.goto(withBenchFlag(url));
    await page.waitForFunction(() => (window as BenchWindow).benchRowsFrameAt, null, {
      timeout: 60_000,
    });
    const load = await page.evaluate((mark) => {
      const w = window as BenchWindow;
      const nav = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      const applied = performance.getEntriesByName(mark, 'mark').at(-1)?.startTime ?? null;
      const rowsAt = w.benchRowsAt ?? Number.NaN;
      return {
        navigationToRowsMs: rowsAt,
        listRenderMs: applied === null ? null : (w.benchRowsFrameAt ?? Number.NaN) - applied,
        listCommitMs: applied === null ? null : rowsAt - applied,
        domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null,
        socketOpenMs: w.benchSocketOpenAt ?? null,
        snapshotAppliedMs: applied,
      };
    }, SNAPSHOT_APPLY_MARK);
    const rerenderMs: number[] = [];
    let current = [...stores];
    for (let i = 0; i < rerenders; i++) {
      current = current.map((s, j) => updatedCopy(s, i * rows + j));
      rerenderMs.push(await timeReplaceAll(page, context, current));
    }
    const scrollToEndMs = await timeScrollToEnd(page, rows);
    return { ...load, rerenderMs, scrollToEndMs };
  } finally {
    await browserContext.close();
  }
}

function withBenchFlag(url: string): string {
  const u = new URL(url);
  u.searchParams.set('bench', '');
  return u.href;
}

function updatedCopy(store: Store, tick: number): Store {
  const at = new Date(Date.parse(store.updatedAt) + 1000 + tick).toISOString();
  const status = NEXT_STATUS[store.status];
  return { ...store, status, updatedAt: at, statusSince: at };
}

/** Applies `stores` as a snapshot in the page and resolves with the time to the next frame. */
async function timeReplaceAll(page: Page, context: string, stores: Store[]): Promise<number> {
  const { ms, wrong } = await page.evaluate(
    async ({ context, stores }) => {
      const hook = (window as BenchWindow).storefleetBench;
      if (!hook) throw new Error('the page has no bench hook: was it loaded with ?bench?');
      const start = performance.now();
      hook.applySnapshot(context, stores);
      await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const ms = performance.now() - start;
      // Checked after the clock stops: every drawn row must show its new status, and some must
      // be drawn, or nothing was timed.
      const shown = stores.flatMap((s) => {
        const badge = document.querySelector(`[data-testid="store-status-${s.name}"]`);
        return badge ? [badge.getAttribute('data-status') === s.status] : [];
      });
      const wrong = shown.length === 0 ? stores.length : shown.filter((ok) => !ok).length;
      return { ms, wrong };
    },
    { context, stores },
  );
  if (wrong > 0) throw new Error(`${wrong} rows did not show their new status`);
  return ms;
}

/** Scrolls the list from the top to its end and resolves with the time to the frame after. */
async function timeScrollToEnd(page: Page, rows: number): Promise<number> {
  const { ms, last } = await page.evaluate(async () => {
    const table = document.querySelector('[data-testid="stores-table"]');
    const scroller = table?.parentElement;
    if (!scroller) throw new Error('the list has no scroller');
    scroller.scrollTop = 0;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const start = performance.now();
    scroller.scrollTop = scroller.scrollHeight;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const ms = performance.now() - start;
    const indices = [...document.querySelectorAll('[data-testid^="store-row-"]')].map((r) =>
      Number(r.getAttribute('aria-rowindex')),
    );
    return { ms, last: Math.max(...indices) };
  });
  // The header is row 1, so the last store is row rows + 1.
  if (last !== rows + 1)
    throw new Error(`after scrolling to the end, the last row drawn is ${last}`);
  return ms;
}
