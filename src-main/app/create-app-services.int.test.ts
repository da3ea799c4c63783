import { describe, expect, it } from 'vitest';
import { appServicesHarness } from '../../test-rig/app-services-harness';
import { testCluster } from '../../test-rig/cluster/test-cluster';

const harness = appServicesHarness('storefleet-app-services-int-');

describe('createStore through the app services on the test cluster', () => {
  it('passes the Helm and cluster checks and queues the store', async () => {
    const cluster = testCluster();
    const app = await harness.start({
      PATH: cluster.binDir,
      KUBECONFIG: cluster.kubeconfigPath,
      HOME: harness.dir(),
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
    const gone = await harness.removeStore(app, created.id);
    expect(gone.status).toBe('Deleted');
  });
});
