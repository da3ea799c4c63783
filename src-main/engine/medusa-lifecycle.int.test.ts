import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import {
  settledStore,
  testStoreCluster,
  uniqueName,
  useStandInEngines,
} from '../../test-rig/engine/int-support';
import {
  STAND_IN_MEDUSA_IMAGE,
  medusaImageOverride,
  towardMedusaStandIn,
  useMedusaStandIn,
} from '../../test-rig/engine/medusa-int-support';

const { engines } = useStandInEngines();
const medusaStandIn = useMedusaStandIn();

describe('a Medusa store’s life on the test cluster (storefront: local Medusa stand-in)', () => {
  it('stops, starts, upgrades, rolls back and is rediscovered, its secrets never let out', async () => {
    const name = uniqueName('mlife');
    const e = await engines.start({
      overrideValues: medusaImageOverride(new Set([name])),
      wrapMedusaDriver: towardMedusaStandIn(medusaStandIn),
    });
    const ordersBefore = medusaStandIn().orders().length;
    const created = e.engine.create({ context: testCluster().context, name, kind: 'medusa' });
    expect(await settledStore(e, created.id)).toMatchObject({ status: 'Ready', helmRevision: 1 });
    const secret = await testStoreCluster().readSecretData(
      created.namespace,
      `${name}-credentials`,
    );
    const secrets = ['database-password', 'jwt-secret', 'cookie-secret', 'admin-password'].map(
      (key) => secret?.[key] ?? '',
    );
    for (const value of secrets) expect(value).toMatch(/^[A-Za-z0-9]{24,}$/);

    await e.engine.stop(created.id);
    expect(await settledStore(e, created.id)).toMatchObject({ status: 'Stopped', helmRevision: 2 });
    await e.engine.start(created.id);
    expect(await settledStore(e, created.id)).toMatchObject({ status: 'Ready', helmRevision: 3 });
    const startSteps = e.engine
      .get(created.id)
      .events.filter((ev) => ev.status === 'started')
      .map((ev) => ev.step)
      .slice(-4);
    // Start waits for what runs, not for the one-off admin setup, then orders again.
    expect(startSteps).toEqual(['start', 'wait-postgres', 'wait-medusa', 'verify']);

    await e.engine.upgrade({ storeId: created.id, memoryLimit: '900Mi' });
    expect(await settledStore(e, created.id)).toMatchObject({ status: 'Ready', helmRevision: 4 });
    await e.engine.rollback(created.id, 1);
    expect(await settledStore(e, created.id)).toMatchObject({ status: 'Ready', helmRevision: 5 });
    const history = await e.engine.history(created.id);
    expect(history.map((r) => r.label)).toEqual([
      'Created',
      'Stopped',
      'Started',
      'Upgraded',
      'Rolled back to 1',
    ]);
    expect(history[3]?.changes).toEqual(['memory 768Mi → 900Mi']);
    // Revision 1's own settings (its image came from the test's values, not the values file),
    // and the publishable key the verifies learned.
    expect(e.repo.settings(created.id)).toEqual({
      medusaImageRepository: STAND_IN_MEDUSA_IMAGE.repository,
      medusaImageTag: STAND_IN_MEDUSA_IMAGE.tag,
      publishableKey: 'pk_storefleet00000000000000000000000000000000',
    });
    // One order per verify: install, start, upgrade, rollback.
    expect(medusaStandIn().orders().length - ordersBefore).toBe(4);
    expect(
      await testStoreCluster().readSecretData(created.namespace, `${name}-credentials`),
    ).toEqual(secret);

    e.repo.remove(created.id);
    const found = await e.engine.rediscover(testCluster().context);
    expect(found.imported.map((s) => [s.name, s.kind, s.status, s.adminUrl])).toEqual([
      [name, 'medusa', 'Ready', `${created.url}/app`],
    ]);
    expect((await e.engine.revealCredentials(created.id)).username).toBe(`admin@${name}.localhost`);

    await e.engine.delete(created.id);
    expect(await settledStore(e, created.id)).toMatchObject({ status: 'Deleted' });
    expect(await testStoreCluster().findLeftovers(created.namespace, created.id)).toEqual([]);
    e.db.pragma('wal_checkpoint(PASSIVE)');
    const haystacks = [
      JSON.stringify(e.engine.get(created.id)),
      e.logs.join('\n'),
      ...(await Promise.all(
        (await readdir(e.dataDir))
          .filter((f) => f.startsWith('storefleet.db'))
          .map((f) => readFile(join(e.dataDir, f), 'latin1')),
      )),
    ];
    for (const value of secrets) {
      for (const text of haystacks) expect(text.includes(value)).toBe(false);
    }
  });
});
