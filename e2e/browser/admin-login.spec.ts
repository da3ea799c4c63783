// "WP Admin" on a Ready store opens a single-use login link on the store's own origin; the serve
// host's own line about it blanks the token. (The plugin that accepts the link runs on a real
// WordPress in charts/woocommerce/tests/admin-login-plugin.test.ts; pods do not run here.)
import { expect, test, uniqueStoreName } from '../support/fleet';
import { createStore, openStorePage, screenshot } from '../support/ui';

const name = uniqueStoreName('e2e-login');

test.describe('one-click admin login (real engine and chart; storefront: Store API stand-in)', () => {
  test('WP Admin opens a fresh signed login link for the store’s admin', async ({ app, fleet }) => {
    test.setTimeout(240_000);
    fleet.standIn.addStore(`${name}.localhost`);
    await createStore(app, name);
    await openStorePage(app, name);
    await expect(app.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', 'Ready', {
      timeout: 180_000,
    });
    const origin = fleet.standIn.url(`${name}.localhost`);

    const tokens: string[] = [];
    for (let i = 0; i < 2; i++) {
      const from = fleet.serve.stdout.lines.length;
      const opened = app.context().waitForEvent('page');
      await app.getByTestId('open-admin').click();
      const line = await fleet.serve.stdout.waitFor(/^open-external /, 15_000, from);
      const printed = new URL(line.slice('open-external '.length));
      expect(printed.origin).toBe(origin);
      expect(printed.searchParams.get('storefleet-login')).toBe('redacted');

      const tab = await opened;
      await tab.waitForURL(/storefleet-login=/);
      const url = new URL(tab.url());
      expect(`${url.origin}${url.pathname}`).toBe(`${origin}/`);
      const token = url.searchParams.get('storefleet-login') ?? '';
      expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
      const payload = JSON.parse(
        Buffer.from(token.split('.')[0] ?? '', 'base64url').toString('utf8'),
      ) as { v: number; user: string; nonce: string; exp: number };
      expect(payload).toMatchObject({ v: 1, user: 'admin' });
      const left = payload.exp - Math.floor(Date.now() / 1000);
      expect(left).toBeGreaterThan(0);
      expect(left).toBeLessThanOrEqual(60);
      tokens.push(token);
      await tab.close();
    }
    // Each click signs a new link: a used one is worth nothing.
    expect(new Set(tokens).size).toBe(2);
    await screenshot(app, 'open-admin-signed-in');
  });
});
