// The Logs tab in Chromium over the browser transport, against the real engine on the test
// cluster: kwok simulates the store's pods and serves their logs from a file (two simulated
// lines per container), the namespace's events are the real ones, and the support bundle is a
// real download that must not hold any value of the store's Secret.
import { readFile } from 'node:fs/promises';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { FAKE_LOG_LINES } from '../../test-rig/cluster/kwok-logs';
import { expect, test, uniqueStoreName } from '../support/fleet';
import { createStore, screenshot } from '../support/ui';

test.describe('the Logs tab', () => {
  test('follows the store’s containers and events and saves a support bundle without its secrets', async ({
    app,
    fleet,
  }) => {
    test.setTimeout(240_000);
    const name = uniqueStoreName('e2e-logs');
    fleet.standIn.addStore(`${name}.localhost`);
    await createStore(app, name);
    // The name opens the page (the row's middle is the list's own business, e.g. selection).
    await app.getByTestId(`store-row-${name}`).getByRole('button', { name, exact: true }).click();
    await expect(app.getByTestId('store-page')).toHaveAttribute('aria-label', `Store ${name}`);

    await app.getByTestId('store-tab-logs').click();
    const lines = app.getByTestId('log-line');
    await expect(lines.filter({ hasText: FAKE_LOG_LINES[0] }).first()).toBeVisible({
      timeout: 150_000,
    });
    await app.getByTestId('log-filter-MariaDB').click();
    await expect(lines.first()).toHaveAttribute('data-component', 'MariaDB', { timeout: 60_000 });
    await app.getByTestId('log-filter-Events').click();
    await expect(lines.first()).toHaveAttribute('data-component', 'Events');
    await app.getByTestId('log-filter-All').click();
    await screenshot(app, 'store-logs');

    // Opening the tab again: the click → first line on screen, through the real main on the
    // test cluster (pods listed, each container's log asked for with its tail, lines batched).
    const samples: number[] = [];
    for (let i = 0; i < 7; i++) {
      await app.getByTestId('store-tab-overview').click();
      await expect(app.getByTestId('log-view')).toHaveCount(0);
      samples.push(
        await app.evaluate(
          () =>
            new Promise<number>((resolve) => {
              const started = performance.now();
              const observer = new MutationObserver(() => {
                if (!document.querySelector('[data-testid="log-line"]')) return;
                observer.disconnect();
                resolve(performance.now() - started);
              });
              observer.observe(document.body, { subtree: true, childList: true });
              document.querySelector<HTMLElement>('[data-testid="store-tab-logs"]')?.click();
            }),
        ),
      );
    }
    const p50 = [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? Infinity;
    test.info().annotations.push({
      type: 'first log line (ms)',
      description: `p50 ${Math.round(p50)} of ${samples.map(Math.round).join(', ')}`,
    });
    process.stderr.write(
      `[store-logs] first log line after opening the tab: p50 ${Math.round(p50)} ms (${samples.map(Math.round).join(', ')})\n`,
    );
    expect(p50).toBeLessThan(2_000);

    const download = app.waitForEvent('download');
    await app.getByTestId('save-support-bundle').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(new RegExp(`^storefleet-${name}-.*\\.json$`));
    const content = await readFile(await file.path(), 'utf8');
    await expect(app.getByTestId('support-bundle-saved')).toBeVisible();
    await screenshot(app, 'store-logs-bundle-saved');

    const bundle = JSON.parse(content) as {
      store: { name: string };
      logs: { component: string; lines: string[] }[];
      events: unknown[];
      timeline: unknown[];
    };
    expect(bundle.store.name).toBe(name);
    expect(bundle.logs.map((l) => l.component)).toContain('MariaDB');
    expect(bundle.timeline.length).toBeGreaterThan(0);

    // Every value of the store's Secret, as the chart made it, is absent from the file.
    const kc = new KubeConfig();
    kc.loadFromFile(fleet.cluster.kubeconfigPath);
    const secret = await kc
      .makeApiClient(CoreV1Api)
      .readNamespacedSecret({ name: `${name}-credentials`, namespace: `store-${name}` });
    const values = Object.values(secret.data ?? {}).map((v) => Buffer.from(v, 'base64').toString());
    expect(values.filter((v) => v.length >= 6).length).toBeGreaterThan(0);
    for (const value of values.filter((v) => v.length >= 6)) expect(content).not.toContain(value);

    await app.getByTestId('store-tab-overview').click();
    await app.getByTestId('delete-store').click();
    await app.getByTestId('delete-confirm-input').fill(name);
    await app.getByTestId('delete-confirm-submit').click();
    await expect(app.getByTestId(`store-row-${name}`)).toHaveCount(0, { timeout: 150_000 });
  });
});
