// A failure at each step, on the in-memory cluster STAND-IN: the store shows that step and a
// reason, the last event says the same, and delete (or a new try) starts from there.
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StepName } from '../../src-shared/types/store-types';
import type { FaultPoint } from '../../test-rig/engine/in-memory-cluster';
import {
  create,
  readyStore,
  settled,
  useMemoryEngines,
  toldOf,
} from '../../test-rig/engine/memory-support';
import { ToolError } from '../tools/tool-error';

const start = useMemoryEngines();

const jobFailure = Object.assign(new Error('Job store-x/x-bootstrap failed'), {
  logTail: ['Installing WooCommerce', 'PHP Fatal error: out of memory'],
});

const CASES: { step: StepName; point: FaultPoint | 'verify'; error?: Error; reason: RegExp }[] = [
  {
    step: 'namespace',
    point: 'ensureNamespace',
    error: new Error('namespaces "store-x" is forbidden: exceeded quota'),
    reason: /exceeded quota/,
  },
  {
    step: 'helm',
    point: 'helm.upgradeInstall',
    error: new ToolError({
      code: 'failed',
      command: 'helm upgrade',
      message: 'Helm rejected its values',
      stderrTail: 'values don’t meet the specifications of the schema',
    }),
    reason: /Helm rejected its values\nvalues don’t meet the specifications of the schema/,
  },
  { step: 'wait-mariadb', point: 'waitForStatefulSetReady', reason: /timed out after/i },
  { step: 'wait-wordpress', point: 'waitForDeploymentReady', reason: /timed out after/i },
  {
    step: 'bootstrap',
    point: 'waitForJobComplete',
    error: jobFailure,
    reason: /bootstrap failed\.\nLast 2 log lines:\nInstalling WooCommerce\nPHP Fatal error/,
  },
  {
    step: 'verify',
    point: 'verify',
    error: new Error('Cash on Delivery is not enabled'),
    reason: /Cash on Delivery is not enabled/,
  },
];

describe('a failure at each step leaves Failed(step, reason) (cluster: in-memory stand-in)', () => {
  it.each(CASES)('$step', async ({ step, point, error, reason }) => {
    const e = start();
    if (point === 'verify') e.storefront.fault({ error });
    else e.cluster.fault(point, error ? { error } : { hang: true });
    const created = create(e, 'x');
    const failed = await settled(e, created.id);
    expect(failed).toMatchObject({ status: 'Failed', step });
    // One sentence in the row and the event; what the tool or the Job said behind it.
    expect(toldOf(failed)).toMatch(reason);
    expect(failed.error).not.toContain('\n');
    expect(e.engine.get(created.id).events.at(-1)).toMatchObject({
      step,
      status: 'failed',
      message: failed.error,
    });
    expect(e.repo.pendingOps()).toEqual([]);

    await e.engine.delete(created.id);
    expect(await settled(e, created.id)).toMatchObject({ status: 'Deleted', error: null });
    expect(await e.cluster.port().findLeftovers(created.namespace, created.id)).toEqual([]);
  });

  it('namespace: one of that name that Storefleet does not manage is refused, and delete keeps it', async () => {
    const e = start();
    e.cluster.addNamespace('store-mine', { team: 'someone' });
    const created = create(e, 'mine');
    const failed = await settled(e, created.id);
    expect(failed).toMatchObject({ status: 'Failed', step: 'namespace' });
    expect(failed.error).toMatch(/store-mine exists and is not managed by Storefleet/);
    await e.engine.delete(created.id);
    expect(await settled(e, created.id)).toMatchObject({ status: 'Deleted' });
    expect(e.cluster.namespaces.has('store-mine')).toBe(true);
  });

  it('retry: after a failure, the same name is created again once the failed store is deleted', async () => {
    const e = start();
    e.cluster.fault('helm.upgradeInstall', { error: 'boom', times: 1 });
    const first = create(e, 'again');
    expect(await settled(e, first.id)).toMatchObject({ status: 'Failed', step: 'helm' });
    expect(() => create(e, 'again')).toThrow(expect.objectContaining({ code: 'conflict' }));
    await e.engine.delete(first.id);
    await settled(e, first.id);
    const second = await readyStore(e, 'again');
    expect(second.id).not.toBe(first.id);
  });

  it('retry: Helm racing an orphaned run ("another operation is in progress") is tried again', async () => {
    const e = start();
    const race = new ToolError({
      code: 'failed',
      command: 'helm upgrade',
      message: 'Error: another operation (install/upgrade/rollback) is in progress',
    });
    e.cluster.fault('helm.upgradeInstall', { error: race, times: 1 });
    const store = await readyStore(e, 'race');
    expect(e.cluster.callsTo('helm.upgradeInstall')).toHaveLength(2);
    expect(store.helmRevision).toBe(1);
  });

  it('retry: a store whose upgrade failed is rolled back to Ready', async () => {
    const e = start();
    const store = await readyStore(e, 'undo');
    e.storefront.fault({ error: 'no products', times: 1 });
    await e.engine.upgrade({ storeId: store.id, woocommerceVersion: '10.3.0' });
    expect(await settled(e, store.id)).toMatchObject({ status: 'Failed', step: 'verify' });
    await e.engine.rollback(store.id, 1);
    expect(await settled(e, store.id)).toMatchObject({ status: 'Ready', error: null });
  });

  it('validate: a missing chart fails before anything reaches the cluster; delete needs no cluster', async () => {
    const e = start({ chartPath: join(tmpdir(), 'storefleet-no-such-chart') });
    const created = create(e, 'nochart');
    const failed = await settled(e, created.id);
    expect(failed).toMatchObject({ status: 'Failed', step: 'validate' });
    expect(failed.error).toMatch(/chart is missing/);
    await e.engine.delete(created.id);
    expect(e.repo.get(created.id)).toMatchObject({ status: 'Deleted' });
    expect(e.cluster.calls).toEqual([]);
  });
});
