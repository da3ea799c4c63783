import type { Page } from '@playwright/test';
import { expect, test } from '../support/fleet';
import { screenshot } from '../support/ui';

/** What is wrong with the page's visible text as text for a person. */
async function visibleTextProblems(page: Page): Promise<string[]> {
  const text = await page.locator('body').innerText();
  const problems: string[] = [];
  for (const [what, pattern] of [
    ['errno code', /\bE[A-Z]{3,}\b/],
    // "    at run (/app/index.js:12:7)", not "nothing answers at https://127.0.0.1:9"
    ['stack frame', /^\s*at\s.*:\d+:\d+\)?\s*$/m],
    ['identifier', /(?<![\w/.:-])[a-z]+[A-Z][A-Za-z0-9]*(?![\w/.-])/],
    ['error class', /\b[A-Z][A-Za-z]*Error\b/],
    ['object dump', /\[object Object\]|\{\s*"/],
  ] as const) {
    const found = pattern.exec(text);
    if (found) problems.push(`${what}: ${found[0]}`);
  }
  return problems;
}

test.describe('messages for people (real serve host, real kubeconfig files)', () => {
  test('an unreachable cluster is said in words, and Create waits for it', async ({
    app,
    fleet,
  }) => {
    const switcher = app.getByTestId('context-switcher');
    const health = app.getByTestId('context-health');
    await expect(health).toHaveAttribute('data-health', 'Healthy', { timeout: 30_000 });
    expect(await visibleTextProblems(app)).toEqual([]);

    // Nothing listens on the other context's port: the probe meets a refused connection.
    await switcher.click();
    await app.getByTestId(`context-option-${fleet.otherContext}`).click();
    await expect(switcher).toContainText(fleet.otherContext);
    await expect(health).toHaveAttribute('data-health', /Unreachable|Check failed/, {
      timeout: 30_000,
    });
    await expect(app.getByTestId('create-store-button')).toBeDisabled();
    // Nor any other Create button on the page (the empty list has its own).
    await expect(
      app.locator('button:enabled', { hasText: /^\s*Create a? ?store\s*$/ }),
    ).toHaveCount(0);
    // The health word's tooltip carries the probe's sentence.
    await health.locator('[tabindex="0"]').focus();
    await expect(app.getByRole('tooltip')).not.toBeEmpty();
    expect(await visibleTextProblems(app)).toEqual([]);
    await screenshot(app, 'messages-unreachable-context');
    await app.keyboard.press('Escape');

    await switcher.click();
    await app.getByTestId(`context-option-${fleet.cluster.context}`).click();
    await expect(health).toHaveAttribute('data-health', 'Healthy', { timeout: 30_000 });
    await expect(app.getByTestId('create-store-button')).toBeEnabled();
  });
});
