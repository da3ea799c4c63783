import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { valuesFiles } from './values-files';

describe('valuesFiles', () => {
  it("finds each kind's local values file in the app's root, and takes a given one first", () => {
    const files = valuesFiles();
    expect(files('woocommerce')).toMatch(/[/\\]helm-values[/\\]values-local\.yaml$/);
    expect(files('medusa')).toMatch(/[/\\]helm-values[/\\]medusa[/\\]values-local\.yaml$/);
    expect(valuesFiles({ woocommerce: '/etc/woo.yaml' })('woocommerce')).toBe('/etc/woo.yaml');
    expect(valuesFiles({ woocommerce: '/etc/woo.yaml' })('medusa')).toBe(files('medusa'));
  });

  it('refuses a kind whose values file the installation lacks, in a sentence naming it', () => {
    const root = mkdtempSync(join(tmpdir(), 'values-files-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'storefleet' }));
      mkdirSync(join(root, 'helm-values'));
      writeFileSync(join(root, 'helm-values', 'values-local.yaml'), '{}\n');
      const files = valuesFiles({}, root);
      expect(files('woocommerce')).toBe(join(root, 'helm-values', 'values-local.yaml'));
      expect(() => files('medusa')).toThrow(
        'The values file of Medusa stores (helm-values/medusa/values-local.yaml) was not found in this installation.',
      );
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
