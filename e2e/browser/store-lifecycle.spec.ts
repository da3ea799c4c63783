import { expect, test, uniqueStoreName } from '../support/fleet';
import { PROVISION_STEPS, openStorePage, screenshot } from '../support/ui';

const name = uniqueStoreName('e2e-shop');

test.describe.configure({ mode: 'serial' });

test.describe('store lifecycle (real engine; storefront: Store API stand-in)', () => {
  test('create streams its steps into the timeline and ends Ready', async ({ app, fleet }) => {
    test.setTimeout(240_000);
    fleet.standIn.addStore(`${name}.localhost`);
    await expect(app.getByTestId('create-store-button')).toBeEnabled();
    await screenshot(app, 'list');

    await app.getByTestId('create-store-button').click();
    await app.getByTestId('create-store-name').fill(name);
    await screenshot(app, 'create-dialog');
    // Every step state the timeline shows from here on, in order, as the page saw it.
    await app.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seenSteps: string[] }).seenSteps = seen;
      const record = () => {
        for (const li of document.querySelectorAll('[data-testid^="timeline-step-"]')) {
          const entry = `${li.getAttribute('data-testid')?.slice('timeline-step-'.length)}:${li.getAttribute('data-step-state')}`;
          if (!seen.includes(entry)) seen.push(entry);
        }
      };
      new MutationObserver(record).observe(document.body, {
        subtree: true,
        childList: true,
        attributes: true,
        attributeFilter: ['data-step-state'],
      });
    });
    await app.getByTestId('create-store-submit').click();
    await expect(app.getByTestId('create-store-dialog')).toBeHidden();
    await openStorePage(app, name);

    await expect(app.getByTestId(`store-status-${name}`)).toHaveAttribute('data-status', 'Ready', {
      timeout: 180_000,
    });
    for (const step of PROVISION_STEPS) {
      await expect(app.getByTestId(`timeline-step-${step}`)).toHaveAttribute(
        'data-step-state',
        'succeeded',
      );
    }
    const seen = await app.evaluate(() => (window as unknown as { seenSteps: string[] }).seenSteps);
    // Progress was streamed: later steps were seen waiting or running before they succeeded.
    expect(seen.some((s) => s.endsWith(':running'))).toBe(true);
    const succeeded = seen
      .filter((s) => s.endsWith(':succeeded'))
      .map((s) => PROVISION_STEPS.indexOf(s.split(':')[0] as (typeof PROVISION_STEPS)[number]));
    expect(succeeded).toEqual([...succeeded].sort((a, b) => a - b));
    expect(succeeded).toContain(PROVISION_STEPS.indexOf('ready'));
    expect(fleet.standIn.orders(`${name}.localhost`)).toHaveLength(1);
    await expect(app.getByTestId('reveal-credentials')).toBeVisible();
    await screenshot(app, 'store-page-ready');
  });

  test('reveal shows the admin login of a Ready store, copies it, then hides it', async ({
    app,
  }) => {
    await openStorePage(app, name);
    await expect(app.getByTestId('credentials-password')).toHaveCount(0);
    await app.getByTestId('reveal-credentials').click();
    const password = app.getByTestId('credentials-password');
    await expect(password).toBeVisible();
    // Checked by length only, so the secret never reaches the test output.
    const length = await password.evaluate((el) => (el.textContent ?? '').trim().length);
    expect(length).toBeGreaterThanOrEqual(12);
    await expect(app.getByTestId('credentials-username')).not.toBeEmpty();
    // Copy puts the password on the clipboard; compared inside the page, so only a yes or no
    // (never the secret) comes back to the test.
    await app.context().grantPermissions(['clipboard-read', 'clipboard-write'], {
      origin: new URL(app.url()).origin,
    });
    await app.getByRole('button', { name: 'Copy password' }).click();
    await expect
      .poll(() =>
        app.evaluate(async () => {
          const shown = document.querySelector('[data-testid="credentials-password"]');
          const copied = await navigator.clipboard.readText();
          return copied.length > 0 && copied === shown?.textContent?.trim();
        }),
      )
      .toBe(true);
    await app.getByTestId('hide-credentials').click();
    await expect(password).toHaveCount(0);
    await expect(app.getByTestId('reveal-credentials')).toBeVisible();
  });

  test('open storefront hands the store’s own URL to the host', async ({ app, fleet }) => {
    await openStorePage(app, name);
    const from = fleet.serve.stdout.lines.length;
    await app.getByTestId('open-storefront').click();
    const line = await fleet.serve.stdout.waitFor(/^open-external /, 15_000, from);
    const url = new URL(line.slice('open-external '.length));
    expect(`${url.protocol}//${url.host}`).toBe(fleet.standIn.url(`${name}.localhost`));
  });

  test('delete asks for the typed name, then the row disappears', async ({ app, fleet }) => {
    test.setTimeout(180_000);
    await openStorePage(app, name);
    await app.getByTestId('delete-store').click();
    const submit = app.getByTestId('delete-confirm-submit');
    await app.getByTestId('delete-confirm-input').fill(`${name}-typo`);
    await expect(submit).toBeDisabled();
    await app.getByTestId('delete-confirm-input').fill(name);
    await submit.click();
    await expect(app.getByTestId(`store-row-${name}`)).toHaveCount(0, { timeout: 150_000 });
    expect(await fleet.namespaceExists(`store-${name}`)).toBe(false);
  });
});
