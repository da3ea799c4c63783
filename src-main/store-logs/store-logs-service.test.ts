import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KubeConfig, type CoreV1Api, type CoreV1Event, type V1Pod } from '@kubernetes/client-node';
import type { Store, StoreEvent } from '../../src-shared/types/store-types';
import type { HelmRevision } from '../../src-shared/types/service-types';
import { createStoreLogsService, type StoreLogsTarget } from './store-logs-service';

const b64 = (s: string): string => Buffer.from(s).toString('base64');

function pod(name: string, component: string, containers: string[], init: string[] = []): V1Pod {
  const running = { running: { startedAt: new Date(0) } };
  return {
    metadata: { name, labels: { 'app.kubernetes.io/component': component } },
    spec: {
      initContainers: init.map((c) => ({ name: c })),
      containers: containers.map((c) => ({ name: c })),
    },
    status: {
      initContainerStatuses: init.map((c) => ({
        name: c,
        image: 'i',
        imageID: '',
        ready: false,
        restartCount: 0,
        state: { terminated: { exitCode: 0 } },
      })),
      containerStatuses: containers.map((c) => ({
        name: c,
        image: 'i',
        imageID: '',
        ready: true,
        restartCount: 0,
        state: running,
      })),
    },
  };
}

/** A store with a freshly generated password that its pods, events, history and row all leak. */
function leakyStore() {
  const password = randomBytes(18).toString('base64url');
  const store: Store = {
    id: 's-shop',
    name: 'shop',
    kind: 'woocommerce',
    context: 'k3d-dev',
    namespace: 'store-shop',
    status: 'Failed',
    step: 'bootstrap',
    error: 'The bootstrap Job failed.',
    errorDetails: `wp user create admin --user_pass=${password}`,
    adminAvailable: true,
    url: 'http://shop.localhost',
    adminUrl: 'http://shop.localhost/wp-admin/',
    createdAt: new Date(0).toISOString(),
    updatedAt: new Date(0).toISOString(),
    statusSince: new Date(0).toISOString(),
    helmRevision: 1,
  };
  const timeline: StoreEvent[] = [
    {
      id: 1,
      storeId: 's-shop',
      step: 'bootstrap',
      status: 'failed',
      message: `echo ${password}`,
      at: new Date(0).toISOString(),
    },
  ];
  const history: HelmRevision[] = [
    {
      revision: 1,
      updated: new Date(0).toISOString(),
      status: 'deployed',
      chart: 'woocommerce-0.1.0',
      appVersion: '6.8',
      description: `Install complete ${password}`,
      label: 'Created',
      changes: [],
      current: true,
      canRollback: false,
    },
  ];
  const pods = [
    pod('shop-mariadb-0', 'mariadb', ['mariadb']),
    pod('shop-wordpress-abc-def', 'wordpress', ['wordpress'], ['wait-for-mariadb']),
    pod('shop-bootstrap-1a2b3c4d-xyz', 'bootstrap', ['bootstrap']),
  ];
  const events: CoreV1Event[] = [
    {
      metadata: { name: 'e1', uid: 'u1', resourceVersion: '1' },
      involvedObject: { kind: 'Pod', name: 'shop-bootstrap-1a2b3c4d-xyz' },
      reason: 'BackOff',
      type: 'Warning',
      message: `Back-off restarting failed container (arg ${password})`,
      lastTimestamp: new Date('2026-11-29T10:00:00Z'),
    },
  ];
  const logRequests: string[] = [];
  // Stand-in for CoreV1Api: only the four reads the Logs tab makes, answering as the API does.
  const core = {
    readNamespacedSecret: ({ name }: { name: string }) =>
      Promise.resolve({ metadata: { name }, data: { 'wordpress-password': b64(password) } }),
    listNamespacedPod: () => Promise.resolve({ items: pods, metadata: {} }),
    listNamespacedEvent: () => Promise.resolve({ items: events, metadata: {} }),
    readNamespacedPodLog: ({ name, container }: { name: string; container: string }) => {
      logRequests.push(`${name}/${container}`);
      return Promise.resolve(
        `2026-11-29T10:00:00Z ${container} starting\n` +
          `2026-11-29T10:00:01Z password is ${password}\n` +
          `2026-11-29T10:00:02Z the Secret says ${b64(password)}\n`,
      );
    },
  } as unknown as CoreV1Api;
  const target: StoreLogsTarget = {
    kc: new KubeConfig(),
    core,
    release: 'shop',
    secretName: 'shop-credentials',
  };
  const service = createStoreLogsService({
    store: () => ({ store, events: timeline }),
    history: () => Promise.resolve(history),
    connect: () => Promise.resolve(target),
    now: () => new Date('2026-11-29T12:00:00Z'),
  });
  return { password, service, logRequests };
}

describe('support bundle (stand-in CoreV1Api)', () => {
  it('holds the store row, timeline, Helm history, events and every container’s tail, and no secret', async () => {
    const { password, service, logRequests } = leakyStore();
    const file = await service.bundle('s-shop');

    expect(file.fileName).toBe('storefleet-shop-2026-11-29T12-00-00-000Z.json');
    expect(file.content).not.toContain(password);
    expect(file.content).not.toContain(b64(password));
    const bundle = JSON.parse(file.content) as Record<string, unknown>;
    expect(bundle).toMatchObject({
      format: 'storefleet-support-bundle/1',
      store: { id: 's-shop', errorDetails: 'wp user create admin --user_pass=[redacted]' },
      timeline: [{ step: 'bootstrap', message: 'echo [redacted]' }],
      helmHistory: [{ revision: 1, description: 'Install complete [redacted]' }],
      events: [
        {
          component: 'Events',
          origin: 'Pod shop-bootstrap-1a2b3c4d-xyz',
          level: 'warning',
          text: 'BackOff: Back-off restarting failed container (arg [redacted])',
        },
      ],
    });
    expect(logRequests.sort()).toEqual([
      'shop-bootstrap-1a2b3c4d-xyz/bootstrap',
      'shop-mariadb-0/mariadb',
      'shop-wordpress-abc-def/wait-for-mariadb',
      'shop-wordpress-abc-def/wordpress',
    ]);
    const logs = bundle.logs as {
      component: string;
      container: string;
      init: boolean;
      lines: string[];
    }[];
    expect(logs.map((l) => [l.component, l.container, l.init])).toEqual([
      ['MariaDB', 'mariadb', false],
      ['WordPress', 'wait-for-mariadb', true],
      ['WordPress', 'wordpress', false],
      ['Bootstrap Job', 'bootstrap', false],
    ]);
    expect(logs[0]?.lines).toEqual([
      '2026-11-29T10:00:00Z mariadb starting',
      '2026-11-29T10:00:01Z password is [redacted]',
      '2026-11-29T10:00:02Z the Secret says [redacted]',
    ]);
  });

  it('still writes the database’s part when the cluster cannot be reached', async () => {
    const store = { id: 's-x', name: 'x', namespace: 'store-x' } as Store;
    const unreachable = createStoreLogsService({
      store: () => ({ store, events: [] }),
      history: () => Promise.reject(new Error('helm: cluster unreachable')),
      connect: () => Promise.reject(new Error('connection refused')),
    });
    const bundle = JSON.parse((await unreachable.bundle('s-x')).content) as Record<string, unknown>;
    expect(bundle).toMatchObject({
      store: { id: 's-x' },
      helmHistory: { unavailable: 'helm: cluster unreachable' },
      logs: { unavailable: "The store's cluster could not be reached." },
    });
  });
});

describe('sources (stand-in CoreV1Api)', () => {
  it('lists each container with its component, init containers too', async () => {
    const { service } = leakyStore();
    const sources = await service.sources('s-shop');
    expect(sources.components).toEqual(['WordPress', 'MariaDB', 'Bootstrap Job', 'WP-Cron']);
    expect(sources.containers).toContainEqual({
      pod: 'shop-wordpress-abc-def',
      container: 'wait-for-mariadb',
      component: 'WordPress',
      init: true,
    });
  });
});

describe('subscriptions (stand-in CoreV1Api, no cluster to stream from)', () => {
  function service(leaseMs: number, maxSubscriptions = 8) {
    const store = { id: 's-x', name: 'x', namespace: 'store-x', kind: 'woocommerce' } as Store;
    const core = {
      readNamespacedSecret: () => Promise.resolve({ data: {} }),
      listNamespacedPod: () => Promise.resolve({ items: [], metadata: {} }),
      listNamespacedEvent: () => Promise.resolve({ items: [], metadata: {} }),
    } as unknown as CoreV1Api;
    return createStoreLogsService({
      store: () => ({ store, events: [] }),
      history: () => Promise.resolve([]),
      // A kubeconfig without a cluster: watches fail at once and are retried until the end.
      connect: () =>
        Promise.resolve({ kc: new KubeConfig(), core, release: 'x', secretName: 'x-credentials' }),
      leaseMs,
      maxSubscriptions,
    });
  }

  it('ends a subscription that is not renewed (its page went away), and keeps one that is', async () => {
    const s = service(200);
    const kept = await s.subscribe('s-x');
    const dropped = await s.subscribe('s-x');
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 100));
      expect(s.renew(kept.subscriptionId)).toEqual({ active: true });
    }
    expect(s.renew(dropped.subscriptionId)).toEqual({ active: false });
    s.shutdown();
    expect(s.renew(kept.subscriptionId)).toEqual({ active: false });
  });

  it('gives way to a new subscription when too many are open, oldest first', async () => {
    const s = service(60_000, 2);
    const a = await s.subscribe('s-x');
    const b = await s.subscribe('s-x');
    const c = await s.subscribe('s-x');
    expect([a, b, c].map((x) => s.renew(x.subscriptionId).active)).toEqual([false, true, true]);
    s.shutdown();
  });

  it('refuses to show logs when the store’s Secret cannot be read', async () => {
    const store = { id: 's-x', name: 'x', namespace: 'store-x', kind: 'woocommerce' } as Store;
    const forbidden = Object.assign(new Error('forbidden'), { code: 403 });
    const core = { readNamespacedSecret: () => Promise.reject(forbidden) } as unknown as CoreV1Api;
    const s = createStoreLogsService({
      store: () => ({ store, events: [] }),
      history: () => Promise.resolve([]),
      connect: () =>
        Promise.resolve({ kc: new KubeConfig(), core, release: 'x', secretName: 'x-credentials' }),
    });
    await expect(s.subscribe('s-x')).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/^The logs of x are not shown because its Secret/) as unknown,
    });
  });
});
