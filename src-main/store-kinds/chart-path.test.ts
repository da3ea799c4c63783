import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChartDir } from './chart-path';

let tree: string;

beforeEach(() => {
  tree = mkdtempSync(join(tmpdir(), 'storefleet-chart-path-'));
});
afterEach(() => {
  rmSync(tree, { recursive: true, force: true });
});

function plantChart(dir: string, kind = 'woocommerce'): string {
  const chart = join(dir, 'charts', kind);
  mkdirSync(chart, { recursive: true });
  writeFileSync(join(chart, 'Chart.yaml'), `name: ${kind}\n`);
  return chart;
}

function appRoot(dir: string, name = 'storefleet'): string {
  mkdirSync(join(dir, 'out', 'main'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name }));
  return join(dir, 'out', 'main');
}

describe('findChartDir stops at the app root', () => {
  it('never uses a chart planted in a folder above the app root', () => {
    plantChart(tree);
    const outMain = appRoot(join(tree, 'app'));
    expect(findChartDir('woocommerce', outMain)).toBeNull();
  });

  it("uses the app root's own chart, not a planted one above it", () => {
    plantChart(tree);
    const own = plantChart(join(tree, 'app'));
    expect(findChartDir('woocommerce', appRoot(join(tree, 'app')))).toBe(own);
  });

  it("finds nothing above a folder whose package.json is another package's", () => {
    plantChart(tree);
    expect(findChartDir('woocommerce', appRoot(join(tree, 'other'), 'not-storefleet'))).toBeNull();
  });

  it('finds nothing when no app root is above the start at all', () => {
    plantChart(tree);
    mkdirSync(join(tree, 'deep', 'er'), { recursive: true });
    expect(findChartDir('woocommerce', join(tree, 'deep', 'er'))).toBeNull();
  });

  it("finds this repository's chart from source", () => {
    expect(findChartDir('woocommerce')).toBe(
      join(import.meta.dirname, '..', '..', 'charts', 'woocommerce'),
    );
  });
});
