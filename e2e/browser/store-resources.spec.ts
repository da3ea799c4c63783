// Resource use on the test cluster: it runs no metrics-server (its API server serves no
// metrics.k8s.io), so the real state is the absent one: the list says so once, above the rows,
// and the store page still shows the store's real quota (what its pods reserve against it).
// The present path (PodMetrics summed per store) is tested against a stand-in metrics server in
// src-main/store-metrics/store-metrics.int.test.ts.
import { expect, test, uniqueStoreName } from '../support/fleet';
import { createStore, openStorePage, screenshot } from '../support/ui';

const name = uniqueStoreName('e2e-res');
const ABSENT = 'Resource use needs metrics-server (k3s ships it; on k3d it is on by default).';

test.describe('resource use (real engine and chart; storefront: Store API stand-in)', () => {
  test('without metrics-server the list says so once, and the store page shows its quota', async ({
    app,
    fleet,
  }) => {
    test.setTimeout(240_000);
    await app.setViewportSize({ width: 1920, height: 1080 });
    fleet.standIn.addStore(`${name}.localhost`);
    await createStore(app, name);
    await expect(app.getByTestId('resources-hint')).toHaveText(ABSENT, { timeout: 30_000 });
    await expect(app.getByText(/needs metrics-server/)).toHaveCount(1);
    await expect(app.getByRole('columnheader', { name: 'Resources' })).toBeVisible();

    await openStorePage(app, name);
    await expect(app.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', 'Ready', {
      timeout: 180_000,
    });
    const panel = app.getByTestId('store-resources');
    await expect(panel.getByTestId('store-resources-no-live')).toBeVisible();
    // said once on the whole page, the store page open or not
    await expect(app.getByText(/needs metrics-server/)).toHaveCount(1);
    // the chart's quota, read from the cluster: its pods' requests against what it allows
    await expect(panel.getByTestId('resources-requests-cpu')).toContainText(/\d+m? \/ \d/, {
      timeout: 30_000,
    });
    await expect(panel.getByTestId('resources-requests-memory')).toContainText(/ [KMG]i \/ /);
    await screenshot(app, 'store-resources-without-metrics-server');
  });
});
