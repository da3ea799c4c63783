import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import type { CreateStoreInput, UpgradeInput } from '../../src-shared/types/service-types';
import {
  testStoreCluster,
  useStandInEngines,
  settledStore,
  uniqueName,
  type IntEngine,
} from '../../test-rig/engine/int-support';

const { engines, standIn } = useStandInEngines();

async function snapshot(
  e: IntEngine,
): Promise<{ rows: number; events: number; namespaces: string[] }> {
  const cluster = testStoreCluster();
  const rows = e.db.prepare('SELECT count(*) AS n FROM stores').get() as { n: number };
  const events = e.db.prepare('SELECT count(*) AS n FROM store_events').get() as { n: number };
  const namespaces = (await cluster.listManagedNamespaces()).map((n) => n.name).sort();
  return { rows: rows.n, events: events.n, namespaces };
}

// Callers are untrusted: these reach the engine through casts, as a buggy caller's values would.
const asCreate = (v: unknown): CreateStoreInput => v as CreateStoreInput;
const asId = (v: unknown): string => v as string;

describe('bad input is refused with a clear error and changes nothing', () => {
  it('rejects bad names, kinds, ids and types; and limits', async () => {
    const e = await engines.start({ settings: { maxStoresPerContext: 1 } });
    const context = testCluster().context;
    const name = uniqueName('good');
    standIn().addStore(`${name}.localhost`);
    const good = e.engine.create({ context, name, kind: 'woocommerce' });
    await settledStore(e, good.id);
    const before = await snapshot(e);

    const names: [unknown, RegExp][] = [
      ['', /must not be empty/],
      ['UPPER', /lowercase/],
      ['a_b', /lowercase/],
      ['-x', /start with a letter/],
      ['x'.repeat(41), /at most 40/],
      [42, /must be text/],
    ];
    for (const [bad, message] of names) {
      expect(() => e.engine.create(asCreate({ context, name: bad, kind: 'woocommerce' }))).toThrow(
        message,
      );
    }
    expect(() => e.engine.create(asCreate({ context, name: 'ok', kind: 'medusa' }))).toThrow(
      /Unknown store kind/,
    );
    expect(() => e.engine.create(asCreate(null))).toThrow(/needs \{ context, name, kind \}/);
    expect(() =>
      e.engine.create(asCreate({ context: 7, name: 'ok', kind: 'woocommerce' })),
    ).toThrow(/context/);
    expect(() => e.engine.create({ context, name, kind: 'woocommerce' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(() =>
      e.engine.create({ context, name: uniqueName('over'), kind: 'woocommerce' }),
    ).toThrow(expect.objectContaining({ code: 'limit-exceeded' }));

    const unknown = '00000000-0000-0000-0000-000000000000';
    expect(() => e.engine.get(unknown)).toThrow(expect.objectContaining({ code: 'not-found' }));
    expect(() => e.engine.get(asId(17))).toThrow(
      expect.objectContaining({ code: 'invalid-argument' }),
    );
    await expect(e.engine.delete(unknown)).rejects.toMatchObject({ code: 'not-found' });
    await expect(e.engine.cancel(unknown)).rejects.toMatchObject({ code: 'not-found' });
    await expect(e.engine.cancel(good.id)).rejects.toMatchObject({ code: 'conflict' });
    await expect(e.engine.history(asId({}))).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(e.engine.revealCredentials(unknown)).rejects.toMatchObject({ code: 'not-found' });
    await expect(e.engine.rollback(good.id, asId('1') as unknown as number)).rejects.toMatchObject({
      code: 'invalid-argument',
    });
    await expect(
      e.engine.upgrade({ storeId: good.id, memoryLimit: 'huge' } satisfies UpgradeInput),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    await expect(
      e.engine.upgrade({ storeId: good.id, replicas: '9' } as unknown as UpgradeInput),
    ).rejects.toMatchObject({ code: 'invalid-argument' });
    expect(() => e.engine.list(asId(undefined))).toThrow(
      expect.objectContaining({ code: 'invalid-argument' }),
    );

    expect(await snapshot(e)).toEqual(before);
    expect(e.repo.get(good.id)?.status).toBe('Ready');
  });
});
