import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { woocommerceDriver } from '../store-kinds/woocommerce/driver';
import type { StoreCluster } from './cluster-port';
import { releaseSettings, withoutDefaults } from './release-settings';

describe('withoutDefaults', () => {
  it('drops what the values file already says and keeps every real change', () => {
    expect(
      withoutDefaults(
        { memoryLimit: '512Mi', woocommerceVersion: '10.3.0', stopped: 'true' },
        { memoryLimit: '512Mi', woocommerceVersion: '10.2.4' },
      ),
    ).toEqual({ woocommerceVersion: '10.3.0', stopped: 'true' });
    expect(withoutDefaults({}, { memoryLimit: '512Mi' })).toEqual({});
  });
});

describe('releaseSettings (Helm stand-in answering get values)', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  // STAND-IN for Helm: only getValues is called, and it answers what `helm get values` prints.
  function helmStandIn(values: Record<string, unknown>): StoreCluster {
    return { helm: { getValues: () => Promise.resolve(values) } } as unknown as StoreCluster;
  }

  it('reads the allow-listed settings of the release, minus the values file defaults', async () => {
    dir = await mkdtemp(join(tmpdir(), 'storefleet-values-'));
    const file = join(dir, 'values.yaml');
    await writeFile(file, 'wordpress:\n  resources:\n    limits:\n      memory: 512Mi\n');
    const settings = await releaseSettings({
      cluster: helmStandIn({
        wordpress: { resources: { limits: { memory: '512Mi' } }, adminPassword: 'x'.repeat(32) },
        woocommerce: { version: '10.3.0' },
        store: { stopped: true },
      }),
      driver: woocommerceDriver,
      release: 'shop',
      namespace: 'store-shop',
      valuesFile: file,
    });
    expect(settings).toEqual({ woocommerceVersion: '10.3.0', stopped: 'true' });
  });
});
