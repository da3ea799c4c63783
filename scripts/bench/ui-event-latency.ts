import type { Browser } from '@playwright/test';
import type { FakeServices } from '../../test-rig/fake-services';
import type { Store } from '../../src-shared/types/store-types';

export interface EventLatency {
  events: number;
  /** emit in this process → the status word changed in the page's DOM (both wall clocks) */
  emitToDomMs: number[];
  /** emit → this process heard the page's report (an upper bound that needs one clock only) */
  emitToReportMs: number[];
}

interface Seen {
  status: string;
  at: number;
}

const now = (): number => performance.timeOrigin + performance.now();

/**
 * Emits `storeUpdated` for one store, flipping its status, and waits for each change to show in
 * the page before the next, so every sample measures one event alone.
 */
export async function measureEventLatency(
  browser: Browser,
  url: string,
  services: FakeServices,
  target: Store,
  events: number,
  rowsExpected: number,
): Promise<EventLatency> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    let onSeen: ((seen: Seen) => void) | null = null;
    await page.exposeFunction('benchSeen', (status: string, at: number) =>
      onSeen?.({ status, at }),
    );
    await page.goto(url);
    // The list draws only the rows in view; it announces the whole count in aria-rowcount.
    await page.waitForFunction(
      (n) =>
        document.querySelector(`[data-testid="stores-table"][aria-rowcount="${n + 1}"]`) !== null &&
        document.querySelector('[data-testid^="store-row-"]') !== null,
      rowsExpected,
      { timeout: 60_000 },
    );
    const testId = `store-status-${target.name}`;
    await page.evaluate((id) => {
      const report = (window as unknown as { benchSeen: (s: string, at: number) => void })
        .benchSeen;
      let last = document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-status');
      new MutationObserver(() => {
        const status = document.querySelector(`[data-testid="${id}"]`)?.getAttribute('data-status');
        if (!status || status === last) return;
        last = status;
        report(status, performance.timeOrigin + performance.now());
      }).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-status'],
      });
    }, testId);

    const result: EventLatency = { events, emitToDomMs: [], emitToReportMs: [] };
    for (let i = 0; i < events; i++) {
      const status: Store['status'] = i % 2 === 0 ? 'Provisioning' : 'Ready';
      const store: Store = {
        ...target,
        status,
        step: status === 'Provisioning' ? 'helm' : null,
        updatedAt: new Date().toISOString(),
      };
      const seen = new Promise<Seen>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`event ${i} never showed`)), 10_000);
        onSeen = (s) => {
          if (s.status !== status) return;
          clearTimeout(timer);
          resolve(s);
        };
      });
      const emittedAt = now();
      services.emitStore(store);
      const s = await seen;
      result.emitToDomMs.push(s.at - emittedAt);
      result.emitToReportMs.push(now() - emittedAt);
      // A pause between events keeps them from landing in one render.
      await new Promise((r) => setTimeout(r, 30));
    }
    return result;
  } finally {
    await context.close();
  }
}
