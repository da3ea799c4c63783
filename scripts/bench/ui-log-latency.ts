import type { Browser } from '@playwright/test';
import type { StoreLogLine } from '../../src-shared/ipc/contract';
import type { Store } from '../../src-shared/types/store-types';
import type { FakeServices } from '../../test-rig/fake-services';

/**
 * Makes the STAND-IN services answer every Logs subscription with a few lines right after it
 * opens, as main sends a container's tail: the bench times the page and the transport, not a
 * cluster.
 */
export function standInLogLines(services: FakeServices): void {
  const subscribe = services.storeLogs.subscribe.bind(services.storeLogs);
  services.storeLogs.subscribe = async (storeId, tailLines) => {
    const result = await subscribe(storeId, tailLines);
    const lines: StoreLogLine[] = ['starting', 'ready for connections', 'GET / 200'].map(
      (text) => ({
        component: 'MariaDB',
        origin: 'stand-in-0/mariadb',
        at: new Date().toISOString(),
        text,
        level: 'info',
      }),
    );
    setTimeout(() => services.emitStoreLog({ subscriptionId: result.subscriptionId, lines }), 0);
    return result;
  };
}

/**
 * Opens a store's page, then `samples` times: clicks Logs and times, in the page, from the click
 * to the first log line in the DOM; then back to Overview (which ends the subscription).
 */
export async function measureFirstLogLine(
  browser: Browser,
  url: string,
  target: Store,
  samples: number,
): Promise<number[]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const row = page.getByTestId(`store-row-${target.name}`);
    await row.waitFor({ timeout: 60_000 });
    await row.click();
    await page.getByTestId('store-tab-logs').waitFor();
    const out: number[] = [];
    for (let i = 0; i < samples; i++) {
      const ms = await page.evaluate(
        () =>
          new Promise<number>((resolve, reject) => {
            const started = performance.now();
            const timer = setTimeout(() => reject(new Error('no log line within 10 s')), 10_000);
            const observer = new MutationObserver(() => {
              if (!document.querySelector('[data-testid="log-line"]')) return;
              observer.disconnect();
              clearTimeout(timer);
              resolve(performance.now() - started);
            });
            observer.observe(document.body, { subtree: true, childList: true });
            document.querySelector<HTMLElement>('[data-testid="store-tab-logs"]')?.click();
          }),
      );
      out.push(ms);
      await page.getByTestId('store-tab-overview').click();
      await page.getByTestId('log-view').waitFor({ state: 'detached' });
    }
    return out;
  } finally {
    await context.close();
  }
}
