// axe-core over the page as it is, with every WCAG 2.x A/AA rule and the best-practice ones
// (landmarks, one main, one h1, regions). A scan fails with a list a person can act on.
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '@playwright/test';

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

export const AXE_TAGS = [
  'wcag2a',
  'wcag2aa',
  'wcag21a',
  'wcag21aa',
  'wcag22aa',
  'best-practice',
] as const;

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  /** one line per failing node: selector and what is wrong (no node HTML: it may hold a secret) */
  nodes: string[];
}

/** Runs axe on the whole page; returns the violations, each with its failing nodes. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  const results = await new AxeBuilder({ page }).withTags([...AXE_TAGS]).analyze();
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? 'unknown',
    help: v.help,
    nodes: v.nodes.map(
      (n) =>
        `${n.target.map(String).join(' ')}: ${(n.failureSummary ?? '').replace(/\s*\n\s*/g, ' ')}`,
    ),
  }));
}

export function formatViolations(findings: AxeFinding[]): string {
  return findings
    .map(
      (f) =>
        `- ${f.rule} (${f.impact}, ${f.nodes.length} node${f.nodes.length === 1 ? '' : 's'}): ${f.help}\n` +
        f.nodes.map((n) => `    ${n}`).join('\n'),
    )
    .join('\n');
}

/**
 * Scans and records the result as a soft assertion, so one run scans every screen and then
 * fails with all of them; the count also goes to stderr as one `[axe]` line per screen.
 */
export async function expectNoAxeViolations(page: Page, screen: string): Promise<void> {
  const findings = await axeViolations(page);
  const nodes = findings.reduce((sum, f) => sum + f.nodes.length, 0);
  process.stderr.write(
    `[axe] ${screen}: ${findings.length} violation${findings.length === 1 ? '' : 's'} (${nodes} node${nodes === 1 ? '' : 's'})${findings.length ? ` ${findings.map((f) => f.rule).join(', ')}` : ''}\n`,
  );
  expect.soft(findings, `axe violations on ${screen}:\n${formatViolations(findings)}`).toEqual([]);
}

/** The app follows the system's colour scheme (prefers-color-scheme); this is how a test picks it. */
export async function useTheme(page: Page, theme: Theme): Promise<void> {
  await page.emulateMedia({ colorScheme: theme });
  await expect
    .poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches))
    .toBe(theme === 'dark');
}
