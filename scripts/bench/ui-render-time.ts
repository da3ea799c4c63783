import type { Browser, Page } from '@playwright/test';
import type { Store } from '../../src-main/shared/store-types';
import type { BenchHook } from '../../src-renderer/src/bench/bench-hook';
import { SNAPSHOT_APPLY_MARK } from '../../src-renderer/src/state/perf-marks';

/** Page-clock milliseconds; null when the moment never came. */
export interface RenderTiming {
  /** navigation start → `rows` rows in the DOM: page load, parse, socket, round trips, render */
  navigationToRowsMs: number;
  /** snapshot handed to the zustand store → the frame after React committed `rows` rows */
  listRenderMs: number | null;
  /** snapshot handed to the zustand store → `rows` rows in the DOM (no style/layout/paint) */
  listCommitMs: number | null;
  /** every store replaced by an updated copy with another status → the next frame, per sample */
  rerenderMs: number[];
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
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll('[data-testid^="store-row-"]').length < wanted) return;
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
    return { ...load, rerenderMs };
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
      // Checked after the clock stops: every row must show its new status, or nothing was timed.
      const wrong = stores.filter(
        (s) =>
          document
            .querySelector(`[data-testid="store-status-${s.name}"]`)
            ?.getAttribute('data-status') !== s.status,
      ).length;
      return { ms, wrong };
    },
    { context, stores },
  );
  if (wrong > 0) throw new Error(`${wrong} rows did not show their new status`);
  return ms;
}
