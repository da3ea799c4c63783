// The Logs tab's main side against the test cluster's real API server. kwok simulates the pods
// and serves each container's log from a file (test-rig/cluster/kwok-logs.ts), so the log path
// (client-node's Log on /pods/<pod>/log, timestamps, the stream's end) is exercised for real,
// with kwok's two simulated lines as the content; events are real API objects, listed and
// watched. The store's Secret holds a freshly generated password that an event repeats.
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreLogLine } from '../../src-shared/ipc/contract';
import type { Store } from '../../src-shared/types/store-types';
import { FAKE_LOG_LINES } from '../../test-rig/cluster/kwok-logs';
import { removeNamespace, testClients, uniqueName } from '../../test-rig/kube/int-test-env';
import { waitUntil } from '../kube/wait';
import { createStoreLogsService } from './store-logs-service';

const c = testClients();
const namespace = uniqueName('store-logs');
const password = randomBytes(18).toString('base64url');

const lateNamespaces: string[] = [];

afterAll(async () => {
  await Promise.all([namespace, ...lateNamespaces].map((ns) => removeNamespace(c, ns)));
});

const store = {
  id: 's-logs',
  name: 'shop',
  kind: 'woocommerce',
  context: 'test',
  namespace,
  status: 'Ready',
  step: null,
  error: null,
} as Store;

const service = createStoreLogsService({
  store: () => ({ store, events: [] }),
  history: () => Promise.resolve([]),
  connect: () =>
    Promise.resolve({ kc: c.kc, core: c.core, release: 'shop', secretName: 'shop-credentials' }),
});

async function seed(): Promise<void> {
  await c.core.createNamespace({ body: { metadata: { name: namespace } } });
  await c.core.createNamespacedSecret({
    namespace,
    body: { metadata: { name: 'shop-credentials' }, stringData: { 'mariadb-password': password } },
  });
  await c.core.createNamespacedPod({
    namespace,
    body: {
      metadata: { name: 'shop-mariadb-0', labels: { 'app.kubernetes.io/component': 'mariadb' } },
      spec: {
        initContainers: [{ name: 'init-data', image: 'registry.example/mariadb:11' }],
        containers: [{ name: 'mariadb', image: 'registry.example/mariadb:11' }],
      },
    },
  });
}

async function leakEvent(reason: string): Promise<void> {
  await c.core.createNamespacedEvent({
    namespace,
    body: {
      metadata: { name: uniqueName('leak') },
      involvedObject: { kind: 'Pod', name: 'shop-mariadb-0', namespace },
      reason,
      type: 'Warning',
      message: `container said MARIADB_PASSWORD=${password}`,
      lastTimestamp: new Date(),
    },
  });
}

describe('store logs on the test cluster (kwok serves simulated container logs)', () => {
  it('follows each container’s log with its component and time, and the events as they come, redacted', async () => {
    await seed();
    await leakEvent('Before');
    const lines: StoreLogLine[] = [];
    const off = service.onLines((batch) => lines.push(...batch.lines));
    const { subscriptionId } = await service.subscribe(store.id, 50);

    const has = (p: (l: StoreLogLine) => boolean, what: string) =>
      waitUntil(() => Promise.resolve(lines.some(p) || undefined), {
        timeoutMs: 30_000,
        intervalMs: 50,
        what,
      });
    await has(
      (l) => l.origin === 'shop-mariadb-0/mariadb' && l.text === FAKE_LOG_LINES[0],
      'the mariadb container’s log',
    );
    await has((l) => l.origin === 'shop-mariadb-0/init-data', 'the init container’s log');
    const logLine = lines.find((l) => l.origin === 'shop-mariadb-0/mariadb');
    expect(logLine).toMatchObject({ component: 'MariaDB', level: 'info' });
    expect(logLine?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);

    // One event from before the subscription (listed), one after (watched).
    await has((l) => l.text.startsWith('Before:'), 'the listed event');
    await leakEvent('After');
    await has((l) => l.text.startsWith('After:'), 'the watched event');
    const events = lines.filter((l) => l.component === 'Events' && l.level === 'warning');
    expect(events.map((e) => e.text)).toContain(
      'After: container said MARIADB_PASSWORD=[redacted]',
    );
    expect(JSON.stringify(lines)).not.toContain(password);

    service.unsubscribe(subscriptionId);
    expect(service.renew(subscriptionId)).toEqual({ active: false });
    off();
  });

  it('writes a bundle with each container’s tail and the events, and no secret in it', async () => {
    const file = await service.bundle(store.id);
    expect(file.content).not.toContain(password);
    const bundle = JSON.parse(file.content) as {
      logs: { container: string; component: string; init: boolean; lines: string[] }[];
      events: StoreLogLine[];
    };
    expect(bundle.logs.map((l) => [l.container, l.component, l.init])).toEqual([
      ['init-data', 'MariaDB', true],
      ['mariadb', 'MariaDB', false],
    ]);
    expect(bundle.logs[1]?.lines.join('\n')).toContain(FAKE_LOG_LINES[0]);
    expect(bundle.events.map((e) => e.text)).toContain(
      'Before: container said MARIADB_PASSWORD=[redacted]',
    );
  });

  it('learns a Secret made after the tab opened before it reads the next container’s log', async () => {
    // A store still being created: no Secret and no pod when the subscription starts.
    const late = { ...store, id: 's-late', namespace: uniqueName('store-logs-late') };
    const latePassword = randomBytes(18).toString('base64url');
    lateNamespaces.push(late.namespace);
    await c.core.createNamespace({ body: { metadata: { name: late.namespace } } });
    const lateService = createStoreLogsService({
      store: () => ({ store: late, events: [] }),
      history: () => Promise.resolve([]),
      connect: () =>
        Promise.resolve({
          kc: c.kc,
          core: c.core,
          release: 'shop',
          secretName: 'shop-credentials',
        }),
    });
    const lines: StoreLogLine[] = [];
    lateService.onLines((batch) => lines.push(...batch.lines));
    await lateService.subscribe(late.id);
    await c.core.createNamespacedSecret({
      namespace: late.namespace,
      body: { metadata: { name: 'shop-credentials' }, stringData: { password: latePassword } },
    });
    await c.core.createNamespacedPod({
      namespace: late.namespace,
      body: {
        metadata: {
          name: 'shop-wordpress-a-b',
          labels: { 'app.kubernetes.io/component': 'wordpress' },
        },
        spec: { containers: [{ name: 'wordpress', image: 'registry.example/wordpress:6' }] },
      },
    });
    const seen = (p: (l: StoreLogLine) => boolean, what: string) =>
      waitUntil(() => Promise.resolve(lines.some(p) || undefined), {
        timeoutMs: 30_000,
        intervalMs: 50,
        what,
      });
    await seen((l) => l.component === 'WordPress' && l.text === FAKE_LOG_LINES[0], 'the log');
    await c.core.createNamespacedEvent({
      namespace: late.namespace,
      body: {
        metadata: { name: uniqueName('late') },
        involvedObject: { kind: 'Pod', name: 'shop-wordpress-a-b', namespace: late.namespace },
        reason: 'Late',
        message: `echo ${latePassword}`,
      },
    });
    await seen((l) => l.text.startsWith('Late:'), 'the event');
    expect(lines.map((l) => l.text)).toContain('Late: echo [redacted]');
    expect(JSON.stringify(lines)).not.toContain(latePassword);
    lateService.shutdown();
  });

  it('lists the pods’ containers as sources', async () => {
    const sources = await service.sources(store.id);
    expect(sources.containers).toEqual([
      { pod: 'shop-mariadb-0', container: 'init-data', component: 'MariaDB', init: true },
      { pod: 'shop-mariadb-0', container: 'mariadb', component: 'MariaDB', init: false },
    ]);
    service.shutdown();
  });
});
