import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import type { StoreRef } from '../store-kinds/driver';
import type { StepName } from '../../src-shared/types/store-types';
import {
  testStoreCluster,
  useStandInEngines,
  helmReleases,
  settledStore,
  uniqueName,
} from '../../test-rig/engine/int-support';
import { failingBootstrapValues } from '../../test-rig/cluster/failing-bootstrap';

const { engines, standIn } = useStandInEngines();

const SHORT = { waitMs: 6_000, verifyMs: 10_000, helmMs: 60_000, deleteMs: 60_000 };
const NO_NODE = { 'storefleet.test/no-such-node': 'true' };

interface Case {
  step: StepName;
  reason: RegExp;
  values?: Record<string, unknown>;
  codEnabled?: boolean;
}

const CASES: Case[] = [
  {
    step: 'helm',
    reason: /rejected its values|schema/i,
    values: { wordpress: { replicas: 'many' } },
  },
  {
    step: 'wait-mariadb',
    reason: /unschedulable/i,
    values: { mariadb: { nodeSelector: NO_NODE } },
  },
  {
    step: 'bootstrap',
    reason: /bootstrap|job/i,
    values: failingBootstrapValues(),
  },
  { step: 'verify', reason: /Cash on Delivery is not enabled/, codEnabled: false },
];

async function expectCleanDelete(
  e: Awaited<ReturnType<typeof engines.start>>,
  id: string,
): Promise<void> {
  await e.engine.delete(id);
  const store = await settledStore(e, id);
  expect(store.status).toBe('Deleted');
  expect(await testStoreCluster().findLeftovers(store.namespace, id)).toEqual([]);
  expect(await helmReleases(testCluster(), store.namespace)).toEqual([]);
}

describe('a failure at each step leaves a Failed store with that step and a reason, and delete cleans up', () => {
  it.each(CASES)('$step', async ({ step, reason, values, codEnabled }) => {
    const name = uniqueName(`fail-${step}`.slice(0, 20));
    const e = await engines.start({
      timeouts: SHORT,
      overrideValues: (s: StoreRef) => (s.name === name ? values : undefined),
    });
    standIn().addStore(`${name}.localhost`, { codEnabled: codEnabled ?? true });
    const created = e.engine.create({ context: testCluster().context, name, kind: 'woocommerce' });
    const failed = await settledStore(e, created.id);
    expect(failed).toMatchObject({ status: 'Failed', step });
    expect(failed.error).toMatch(reason);
    const last = e.engine.get(created.id).events.at(-1);
    expect(last).toMatchObject({ step, status: 'failed', message: failed.error });
    await expectCleanDelete(e, created.id);
  });
});
