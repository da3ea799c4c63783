// Recovering a store that failed or was cancelled: Retry from the failed step, upgrade and
// rollback from Failed/Cancelled, errors said in a sentence with redacted, capped details and
// cleared on recovery, admin access once WordPress answered, and Forget for rows whose cluster
// objects are gone (cluster: the in-memory STAND-IN; storefront: a STAND-IN).
import { describe, expect, it } from 'vitest';
import type { MemoryEngine } from '../../test-rig/engine/memory-engine';
import {
  create,
  milestones,
  nextEvent,
  readyStore,
  settled,
  useMemoryEngines,
} from '../../test-rig/engine/memory-support';
import type { Store } from '../../src-shared/types/store-types';
import { ToolError } from '../tools/tool-error';
import { DETAILS_MAX_CHARS } from './failure-reason';

const start = useMemoryEngines();

function installs(e: MemoryEngine, store: Store): number {
  return e.cluster.callsTo('helm.upgradeInstall').filter((c) => c.args[0] === store.namespace)
    .length;
}

function passwordOf(e: MemoryEngine, store: Store): string {
  const data = e.cluster.namespaces.get(store.namespace)?.secrets.get(`${store.name}-credentials`);
  return data?.['wordpress-admin-password'] ?? '';
}

describe('Retry (cluster: in-memory stand-in)', () => {
  it('goes on from the failed step, keeping the steps before it, and clears the error once Ready', async () => {
    const e = start();
    e.storefront.fault({ error: 'Cash on Delivery is not enabled', times: 1 });
    const created = create(e, 'cod');
    const failed = await settled(e, created.id);
    expect(failed).toMatchObject({ status: 'Failed', step: 'verify', adminAvailable: true });
    // WordPress answered: the owner may sign in and enable Cash on Delivery.
    await expect(e.engine.revealCredentials(created.id)).resolves.toMatchObject({
      username: 'admin',
    });
    const installed = installs(e, created);
    const before = milestones(e, created.id).length;

    await e.engine.retry(created.id);
    const ready = await settled(e, created.id);
    expect(ready).toMatchObject({ status: 'Ready', error: null, errorDetails: null });
    expect(installs(e, created)).toBe(installed);
    const again = milestones(e, created.id).slice(before);
    expect(again).toEqual([
      'verify:started',
      'verify:started',
      'verify:succeeded',
      'ready:started',
      'ready:succeeded',
    ]);
    expect(e.storefront.ordersFor(created.url)).toBe(1);
  });

  it('runs a failed upgrade again with the values it was given', async () => {
    const e = start();
    const store = await readyStore(e, 'upg');
    e.cluster.fault('helm.upgradeInstall', { error: 'boom', times: 1 });
    await e.engine.upgrade({ storeId: store.id, memoryLimit: '600Mi' });
    expect(await settled(e, store.id)).toMatchObject({ status: 'Failed', step: 'upgrade' });
    expect(e.repo.settings(store.id).memoryLimit).toBeUndefined();

    await e.engine.retry(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Ready', error: null });
    expect(e.repo.settings(store.id).memoryLimit).toBe('600Mi');
  });

  it('refuses a store that neither failed nor was cancelled, in a sentence', async () => {
    const e = start();
    const store = await readyStore(e, 'fine');
    await expect(e.engine.retry(store.id)).rejects.toMatchObject({ code: 'conflict' });
  });
});

describe('Cancelled (cluster: in-memory stand-in)', () => {
  it('is its own status with Retry from the cancelled step, and Delete', async () => {
    const e = start({ timeouts: { waitMs: 60_000 } });
    const lift = e.cluster.fault('waitForDeploymentReady', { hang: true });
    const store = create(e, 'halt');
    await nextEvent(e, store.id, 'wait-wordpress');
    await e.engine.cancel(store.id);
    const cancelled = await settled(e, store.id);
    expect(cancelled).toMatchObject({
      status: 'Cancelled',
      step: 'wait-wordpress',
      error: 'Cancelled by user',
      adminAvailable: false,
    });
    await expect(e.engine.revealCredentials(store.id)).rejects.toMatchObject({ code: 'not-ready' });
    lift();

    await e.engine.retry(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Ready', error: null });
    // Namespace and install were kept: one install in all.
    expect(installs(e, store)).toBe(1);

    await e.engine.delete(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Deleted' });
  });

  it('deletes a store cancelled before it reached the cluster without asking the cluster', async () => {
    const e = start({ settings: { maxConcurrentProvisions: 1 }, timeouts: { waitMs: 60_000 } });
    e.cluster.fault('waitForStatefulSetReady', { hang: true });
    const busy = create(e, 'busy');
    const waiting = create(e, 'waiting');
    await nextEvent(e, busy.id, 'wait-mariadb');
    await e.engine.cancel(waiting.id);
    expect(e.repo.get(waiting.id)).toMatchObject({ status: 'Cancelled', step: 'validate' });
    await e.engine.delete(waiting.id);
    expect(e.repo.get(waiting.id)).toMatchObject({ status: 'Deleted' });
    expect(e.cluster.calls.some((c) => c.args[0] === waiting.namespace)).toBe(false);
    await e.engine.cancel(busy.id);
  });
});

describe('upgrade and rollback from Failed (cluster: in-memory stand-in)', () => {
  it('upgrades a Failed store to Ready and clears its error and details', async () => {
    const e = start();
    e.storefront.fault({ error: 'no products', times: 1 });
    const created = create(e, 'fix');
    expect(await settled(e, created.id)).toMatchObject({ status: 'Failed', step: 'verify' });
    await e.engine.upgrade({ storeId: created.id, woocommerceVersion: '10.3.0' });
    expect(await settled(e, created.id)).toMatchObject({
      status: 'Ready',
      error: null,
      errorDetails: null,
    });
  });

  it('rolls a Failed store back to an earlier revision, to any but the current one', async () => {
    const e = start();
    const store = await readyStore(e, 'back');
    e.storefront.fault({ error: 'no products', times: 1 });
    await e.engine.upgrade({ storeId: store.id, memoryLimit: '600Mi' });
    expect(await settled(e, store.id)).toMatchObject({ status: 'Failed', step: 'verify' });
    await expect(e.engine.rollback(store.id, 2)).rejects.toMatchObject({ code: 'conflict' });
    await e.engine.rollback(store.id, 1);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Ready', error: null });
    expect(e.repo.settings(store.id).memoryLimit).toBeUndefined();
  });

  it('refuses to upgrade a store that has no release yet, pointing at Retry', async () => {
    const e = start();
    e.cluster.fault('ensureNamespace', { error: 'forbidden', times: 1 });
    const created = create(e, 'norelease');
    expect(await settled(e, created.id)).toMatchObject({ status: 'Failed', step: 'namespace' });
    await expect(e.engine.upgrade({ storeId: created.id, memoryLimit: '600Mi' })).rejects.toThrow(
      /has no Helm release yet.*Retry/,
    );
  });
});

describe('revision history (cluster: in-memory stand-in)', () => {
  it('labels each revision with what it is and what changed, and offers any but the current', async () => {
    const e = start();
    const store = await readyStore(e, 'hist');
    await e.engine.upgrade({
      storeId: store.id,
      memoryLimit: '600Mi',
      woocommerceVersion: '10.3.0',
    });
    await settled(e, store.id);
    await e.engine.stop(store.id);
    await settled(e, store.id);
    await e.engine.start(store.id);
    await settled(e, store.id);
    await e.engine.rollback(store.id, 1);
    await settled(e, store.id);

    const history = await e.engine.history(store.id);
    expect(history.map((r) => [r.revision, r.label, r.current, r.canRollback])).toEqual([
      [1, 'Created', false, true],
      [2, 'Upgraded', false, true],
      [3, 'Stopped', false, true],
      [4, 'Started', false, true],
      [5, 'Rolled back to 1', true, false],
    ]);
    const changes = history.find((r) => r.revision === 2)?.changes ?? [];
    expect(changes).toEqual(['WooCommerce 10.2.4 → 10.3.0', 'memory 512Mi → 600Mi']);
    expect(history.find((r) => r.revision === 3)?.changes).toEqual([]);
    // Revisions never change: their values are read once.
    const reads = e.cluster.callsTo('helm.getValues').length;
    await e.engine.history(store.id);
    expect(e.cluster.callsTo('helm.getValues').length).toBe(reads);
  });
});

describe('what a failure says (cluster: in-memory stand-in)', () => {
  it('one sentence as the error; Helm’s output, redacted and capped, as the details', async () => {
    const e = start();
    const store = await readyStore(e, 'dump');
    const password = passwordOf(e, store);
    expect(password.length).toBeGreaterThan(20);
    const dump =
      `Error: UPGRADE FAILED: cannot patch "dump-bootstrap" with kind Job: Job.batch "dump-bootstrap" is invalid: ` +
      `spec.template: Invalid value: core.PodTemplateSpec{Env:"${password}", ${'Field:"x", '.repeat(1_200)}}: field is immutable`;
    e.cluster.fault('helm.upgradeInstall', {
      error: new ToolError({ code: 'failed', command: 'helm', message: dump, stderrTail: dump }),
      times: 1,
    });
    await e.engine.upgrade({ storeId: store.id, memoryLimit: '600Mi' });
    const failed = await settled(e, store.id);
    expect(failed.error).toBe(
      'Helm could not change the Job dump-bootstrap, because Kubernetes does not allow its template to change once it exists.',
    );
    expect(failed.errorDetails?.length).toBeLessThanOrEqual(DETAILS_MAX_CHARS);
    expect(failed.errorDetails).toMatch(/field is immutable$/);
    expect(JSON.stringify(e.engine.get(store.id)).includes(password)).toBe(false);
    const event = e.engine.get(store.id).events.at(-1);
    expect(event).toMatchObject({ status: 'failed', message: failed.error });
  });
});

describe('Forget (cluster: in-memory stand-in)', () => {
  it('refuses a store whose cluster answers and still holds it', async () => {
    const e = start();
    const store = await readyStore(e, 'kept');
    await expect(e.engine.forget(store.id)).rejects.toThrow(/Delete it instead/);
    expect(e.repo.get(store.id)).toBeDefined();
  });

  it('removes a Missing store’s row and events, and nothing in the cluster', async () => {
    const e = start();
    const store = await readyStore(e, 'gone');
    e.cluster.dropNamespace(store.namespace);
    await e.engine.rediscover(e.context);
    expect(e.repo.get(store.id)?.status).toBe('Missing');
    const seen: Store[] = [];
    e.engine.onStoreUpdated((s) => seen.push(s));
    await e.engine.forget(store.id);
    expect(e.repo.get(store.id)).toBeUndefined();
    expect(e.repo.events(store.id)).toEqual([]);
    expect(seen.at(-1)).toMatchObject({ id: store.id, status: 'Deleted' });
  });

  it('removes a store whose delete failed although nothing of it is left; not while something is', async () => {
    const e = start();
    const store = await readyStore(e, 'halfway');
    const kept = [...e.cluster.volumes.values()][0];
    if (!kept) throw new Error('the store has no volume');
    kept.reclaimPolicy = 'Retain';
    await e.engine.delete(store.id);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Failed', step: 'check-leftovers' });
    await expect(e.engine.forget(store.id)).rejects.toThrow(/Delete it instead/);
    // The user removes the kept volume by hand: nothing of the store is left.
    e.cluster.volumes.delete(kept.name);
    await e.engine.forget(store.id);
    expect(e.repo.get(store.id)).toBeUndefined();
  });

  it('removes a store whose cluster cannot be reached, leaving the cluster as it was', async () => {
    const e = start();
    const store = await readyStore(e, 'away');
    e.cluster.fault('listManagedNamespaces', { error: 'connect ECONNREFUSED 127.0.0.1:6443' });
    const calls = e.cluster.calls.length;
    await e.engine.forget(store.id);
    expect(e.repo.get(store.id)).toBeUndefined();
    expect(e.cluster.namespaces.has(store.namespace)).toBe(true);
    expect(e.cluster.calls.slice(calls).map((c) => c.point)).toEqual(['listManagedNamespaces']);
  });
});

describe('namespace watch (cluster: in-memory stand-in)', () => {
  it('marks a store Missing within a second when its namespace goes, and Ready when it returns', async () => {
    const e = start();
    const store = await readyStore(e, 'drift');
    e.engine.watchContext(e.context);
    await until(() => e.cluster.watching === 1);
    const held = e.cluster.dropNamespace(store.namespace);
    await until(() => e.repo.get(store.id)?.status === 'Missing');
    e.cluster.restoreNamespace(store.namespace, held);
    await until(() => e.repo.get(store.id)?.status === 'Ready');
    expect(e.repo.get(store.id)?.error).toBeNull();
  });

  it('watches again after the watch fails', async () => {
    const e = start({ namespaceWatch: { retryMs: 20 } });
    const store = await readyStore(e, 'flaky');
    e.cluster.fault('watchManagedNamespaces', { error: 'connection reset', times: 2 });
    e.engine.watchContext(e.context);
    await until(() => e.cluster.watching === 1);
    e.cluster.dropNamespace(store.namespace);
    await until(() => e.repo.get(store.id)?.status === 'Missing');
  });
});

async function until(done: () => boolean, ms = 1_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
