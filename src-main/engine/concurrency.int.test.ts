import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { useStandInEngines, settledStore, uniqueName } from '../../test-rig/engine/int-support';

const { engines, standIn } = useStandInEngines();

describe('the provisioning queue (storefront: local Store API stand-in)', () => {
  it('brings 10 stores requested at once to Ready, never more than the limit in flight', async () => {
    const e = await engines.start({ settings: { maxConcurrentProvisions: 3 } });
    const inFlight = new Set<string>();
    let peak = 0;
    e.engine.onStoreUpdated((s) => {
      if (s.status === 'Provisioning') inFlight.add(s.id);
      else inFlight.delete(s.id);
      peak = Math.max(peak, inFlight.size);
    });
    const names = Array.from({ length: 10 }, (_, i) => uniqueName(`many${i}`));
    for (const name of names) standIn().addStore(`${name}.localhost`);
    const created = names.map((name) =>
      e.engine.create({ context: testCluster().context, name, kind: 'woocommerce' }),
    );
    const done = await Promise.all(created.map((s) => settledStore(e, s.id)));
    expect(done.map((s) => s.status)).toEqual(Array(10).fill('Ready'));
    expect(peak).toBe(3);
  }, 240_000);
});
