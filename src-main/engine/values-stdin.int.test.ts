import { watch } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../scripts/cluster/test-cluster';
import { settledStore, uniqueName, useStandInEngines } from './testing/int-support';

const { engines, standIn } = useStandInEngines();

describe('store values and the disk (storefront: local Store API stand-in)', () => {
  it('installs a store without writing its values (passwords) to a file', async () => {
    const created: string[] = [];
    // Every entry made in the temp folder while the store installs, however briefly it lives.
    const watcher = watch(tmpdir(), (_event, file) => {
      if (file !== null && file.startsWith('storefleet-values-')) created.push(file);
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
