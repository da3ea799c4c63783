import { existsSync, watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { settledStore, uniqueName, useStandInEngines } from '../../test-rig/engine/int-support';

const { engines, standIn } = useStandInEngines();

describe('store values and the disk (storefront: local Store API stand-in)', () => {
  it('installs a store without writing its values (passwords) to a file', async () => {
    const created: string[] = [];
    // Every values folder made in the temp folder while the store installs (one lives as long
    // as Helm runs).
    const watcher = watch(tmpdir(), (_event, file) => {
      // Made, not removed: start-up removes folders an older version left behind.
      if (file?.startsWith('storefleet-values-') && existsSync(join(tmpdir(), file))) {
        created.push(file);
      }
    });
    try {
      const e = await engines.start();
      const name = uniqueName('stdin');
      standIn().addStore(`${name}.localhost`);
      const store = e.engine.create({ context: testCluster().context, name, kind: 'woocommerce' });
      expect(await settledStore(e, store.id)).toMatchObject({ status: 'Ready', error: null });
    } finally {
      watcher.close();
    }
    expect(created).toEqual([]);
  });
});
