import type { Browser } from '@playwright/test';

/** Page-clock milliseconds from navigation start; null when the moment never came. */
export interface RenderTiming {
  rowsInDomMs: number;
  /** phases, to tell where the time went */
  domContentLoadedMs: number | null;
  socketOpenMs: number | null;
  firstRowMs: number | null;
}

interface BenchWindow {
  benchRowsAt?: number;
  benchFirstRowAt?: number;
  benchSocketOpenAt?: number;
}

/**
 * Milliseconds from navigation start (the page's performance.now() origin) until `rows` store
 * rows are in the DOM, seen by a MutationObserver installed before any page script runs.
 * Each load gets a fresh browser context, so nothing is cached between loads.
 */
export async function timeRowsInDom(
  browser: Browser,
  url: string,
  rows: number,
): Promise<RenderTiming> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.addInitScript((wanted: number) => {
      const w = window as BenchWindow;
      const observer = new MutationObserver(() => {
        const count = document.querySelectorAll('[data-testid^="store-row-"]').length;
        if (count > 0) w.benchFirstRowAt ??= performance.now();
        if (count >= wanted) {
          w.benchRowsAt = performance.now();
          observer.disconnect();
        }
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
    await page.goto(url);
    await page.waitForFunction(() => (window as BenchWindow).benchRowsAt, null, {
      timeout: 60_000,
    });
    return await page.evaluate(() => {
      const w = window as BenchWindow;
      const nav = performance.getEntriesByType('navigation')[0] as
        PerformanceNavigationTiming | undefined;
      return {
        rowsInDomMs: w.benchRowsAt ?? Number.NaN,
        domContentLoadedMs: nav ? nav.domContentLoadedEventEnd : null,
        socketOpenMs: w.benchSocketOpenAt ?? null,
        firstRowMs: w.benchFirstRowAt ?? null,
      };
    });
  } finally {
    await context.close();
  }
}
