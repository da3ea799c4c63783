import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import type { Store } from '../../src-shared/types/store-types';
import { createAppServices, type AppHandle } from './create-app-services';

let dir: string;
let app: AppHandle | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-app-services-int-'));
});
afterEach(async () => {
  await app?.shutdown();
  app = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function until(read: () => Store, done: (s: Store) => boolean): Promise<Store> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const store = read();
    if (done(store) || Date.now() > deadline) return store;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('createStore through the app services on the test cluster', () => {
  it('passes the Helm and cluster checks and queues the store', async () => {
    const cluster = testCluster();
    await mkdir(join(dir, 'data'));
    app = await createAppServices({
      dataDir: join(dir, 'data'),
      env: { PATH: cluster.binDir, KUBECONFIG: cluster.kubeconfigPath, HOME: dir },
      home: dir,
      openExternal: () => Promise.resolve(),
      log: () => undefined,
    });
    const { services } = app;
    const name = `pre-${Math.random().toString(16).slice(2, 8)}`;
    const created = await services.stores.create({
      context: cluster.context,
      name,
      kind: 'woocommerce',
    });
    expect(created).toMatchObject({ name, status: 'Queued' });

    // Leave nothing behind on the shared cluster.
    await services.stores.cancel(created.id);
    await services.stores.delete(created.id);
    const gone = await until(
      () => services.stores.get(created.id).store,
      (s) => s.status === 'Deleted',
    );
    expect(gone.status).toBe('Deleted');
  });
});
