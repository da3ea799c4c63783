// Bad input reaches the engine only through a buggy or hostile caller: it is refused with a
// clear error and nothing is written, neither to the database nor to the cluster (the
// in-memory STAND-IN, whose calls are counted).
import { describe, expect, it } from 'vitest';
import type { CreateStoreInput, UpgradeInput } from '../../src-shared/types/service-types';
import type { MemoryEngine } from '../../test-rig/engine/memory-engine';
import { settled, useMemoryEngines } from '../../test-rig/engine/memory-support';

const start = useMemoryEngines();

function snapshot(e: MemoryEngine): {
  rows: number;
  events: number;
  namespaces: string[];
  calls: number;
} {
  const rows = e.db.prepare('SELECT count(*) AS n FROM stores').get() as { n: number };
  const events = e.db.prepare('SELECT count(*) AS n FROM store_events').get() as { n: number };
  const mutating = e.cluster.calls.filter(
    (c) => !/^(helm\.(history|status)|getNamespace|readSecretData)$/.test(c.point),
  );
  return {
    rows: rows.n,
    events: events.n,
    namespaces: [...e.cluster.namespaces.keys()].sort(),
    calls: mutating.length,
  };
}

// Callers are untrusted: these reach the engine through casts, as a buggy caller's values would.
const asCreate = (v: unknown): CreateStoreInput => v as CreateStoreInput;
const asId = (v: unknown): string => v as string;

describe('bad input is refused with a clear error and changes nothing (cluster: in-memory stand-in)', () => {
  it('rejects bad names, kinds, ids and types; and limits', async () => {
    const e = start({ settings: { maxStoresPerContext: 1 } });
    const context = e.context;
    const name = 'good';
    const good = e.engine.create({ context, name, kind: 'woocommerce' });
    await settled(e, good.id);
    const before = snapshot(e);

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
    expect(() => e.engine.create(asCreate({ context, name: 'ok', kind: 'shopify' }))).toThrow(
      /cannot create stores of that kind/,
    );
    expect(() => e.engine.create(asCreate(null))).toThrow(
      /needs a Kubernetes context, a name and a kind/,
    );
    expect(() =>
      e.engine.create(asCreate({ context: 7, name: 'ok', kind: 'woocommerce' })),
    ).toThrow(/context/);
    expect(() => e.engine.create({ context, name, kind: 'woocommerce' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
    expect(() => e.engine.create({ context, name: 'over', kind: 'woocommerce' })).toThrow(
      expect.objectContaining({ code: 'limit-exceeded' }),
    );

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

    expect(snapshot(e)).toEqual(before);
    expect(e.repo.get(good.id)?.status).toBe('Ready');
  });
});
