// STAND-IN AppServices for the UI benchmark: the one fake from test-rig/fake-services.ts, seeded
// with one reachable context and many stores, so only the renderer and the transport are timed.
import type { ContextList } from '../../src-shared/ipc/contract';
import { fakeServices, type FakeServices } from '../../test-rig/fake-services';
import type { Store } from '../../src-shared/types/store-types';

export const BENCH_CONTEXT = 'k3d-bench-stand-in';

const STATUSES: Store['status'][] = [
  'Ready',
  'Ready',
  'Ready',
  'Provisioning',
  'Failed',
  'Stopped',
];

export function benchStandInServices(storeCount: number): {
  services: FakeServices;
  stores: Store[];
} {
  const list: ContextList = {
    contexts: [
      {
        name: BENCH_CONTEXT,
        cluster: BENCH_CONTEXT,
        server: 'https://127.0.0.1:6443',
        kind: 'k3d',
        file: '/stand-in/kubeconfig',
        current: true,
        local: true,
      },
    ],
    errors: [],
    selected: BENCH_CONTEXT,
  };
  const fake = fakeServices({
    contexts: list.contexts,
    selected: BENCH_CONTEXT,
    probe: (context) => ({
      context,
      reachable: true,
      error: null,
      serverVersion: 'v1.36.3',
      readyNodes: 1,
      totalNodes: 1,
      defaultStorageClass: 'local-path',
      ingressClasses: ['traefik'],
      traefik: true,
      checkedAt: new Date().toISOString(),
    }),
  });
  const start = Date.parse('2026-01-01T00:00:00Z');
  const stores: Store[] = [];
  for (let i = 0; i < storeCount; i++) {
    const at = new Date(start + i * 60_000).toISOString();
    const status = STATUSES[i % STATUSES.length] ?? 'Ready';
    stores.push(
      fake.addStore({
        id: `bench-${i}`,
        name: `shop-${String(i).padStart(3, '0')}`,
        context: BENCH_CONTEXT,
        status,
        step: status === 'Provisioning' ? 'helm' : status === 'Failed' ? 'verify' : null,
        error: status === 'Failed' ? 'Checkout refused: Cash on Delivery is not enabled' : null,
        createdAt: at,
        updatedAt: at,
        statusSince: at,
      }),
    );
  }
  return { services: fake, stores };
}
