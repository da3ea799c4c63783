// "Open mail" on a store made with values-local.yaml (mail on): main finds the chart's Mailpit
// Ingress in the store's namespace on the test cluster and opens mail.<store host> on the
// storefront's port. (Mailpit's pod does not run here, so the tab's page is not asserted; the
// mail hook itself is tested on a real WordPress in charts/woocommerce/tests/mail-plugin.test.ts.)
import { expect, test, uniqueStoreName } from '../support/fleet';
import { createStore, openStorePage, screenshot } from '../support/ui';

const name = uniqueStoreName('e2e-mail');

test.describe('mail catcher (real engine and chart; storefront: Store API stand-in)', () => {
  test('Open mail opens the store’s Mailpit at mail.<store host>', async ({ app, fleet }) => {
    test.setTimeout(240_000);
    fleet.standIn.addStore(`${name}.localhost`);
    await createStore(app, name);
    await openStorePage(app, name);
    await expect(app.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', 'Ready', {
      timeout: 180_000,
    });
    const storeUrl = new URL(fleet.standIn.url(`${name}.localhost`));
    const from = fleet.serve.stdout.lines.length;
    const opened = app.context().waitForEvent('page');
    await app.getByTestId('open-mail').click();
    const line = await fleet.serve.stdout.waitFor(/^open-external /, 15_000, from);
    const url = new URL(line.slice('open-external '.length));
    expect(url.hostname).toBe(`mail.${name}.localhost`);
    expect(url.port).toBe(storeUrl.port);
    const tab = await opened;
    expect(new URL(tab.url()).hostname).toBe(`mail.${name}.localhost`);
    await tab.close();
    await expect(app.getByTestId('open-mail-error')).toHaveCount(0);
    await screenshot(app, 'store-open-mail');
  });
});
