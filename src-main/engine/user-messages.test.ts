// Every message that can reach the UI is a sentence for a person. This collects what the IPC
// boundary (the real dispatch and argument check) and the engine (on the in-memory cluster
// stand-in) say for a broad set of bad inputs and refused actions, and fails on identifiers,
// errno codes, stack frames and quoted field keys.
import { describe, expect, it } from 'vitest';
import { INVOKE_METHODS } from '../../src-shared/ipc/contract';
import type { InvokeMethod } from '../../src-shared/ipc/contract';
import { STORE_STATUSES } from '../../src-shared/types/store-types';
import { createDispatch } from '../ipc/dispatch';
import { fakeServices } from '../../test-rig/fake-services';
import { IDS, MEMORY, NAMES, TAGS, VERSIONS } from '../../test-rig/engine/input-candidates';
import { useMemoryEngines } from '../../test-rig/engine/memory-support';
import type { FaultPoint } from '../../test-rig/engine/in-memory-cluster';

/** What is wrong with `message` as text for a person; empty when nothing is. */
export function messageProblems(message: string): string[] {
  const problems: string[] = [];
  const camel = /(?<![\w/.:-])([a-z]+[A-Z][A-Za-z0-9]*)(?![\w/.-])/.exec(message);
  if (camel) problems.push(`identifier ${camel[1] ?? ''}`);
  const errno = /\bE[A-Z]{3,}\b/.exec(message);
  if (errno) problems.push(`errno code ${errno[0]}`);
  // "    at run (/app/index.js:12:7)", not "nothing answers at https://127.0.0.1:9"
  if (/^\s*at\s.*:\d+:\d+\)?\s*$/m.test(message)) problems.push('stack frame');
  const quoted = /["'`]([A-Za-z_][A-Za-z0-9_.]*)["'`]/.exec(message);
  if (quoted) problems.push(`quoted key ${quoted[0]}`);
  if (/[{}]/.test(message)) problems.push('braces');
  const errorClass = /\b[A-Z][A-Za-z]*Error\b/.exec(message);
  if (errorClass) problems.push(`error class ${errorClass[0]}`);
  if (!/^[A-Z0-9“‘]/.test(message)) problems.push('does not start as a sentence');
  if (!/[.?!)]$/.test(message.trim())) problems.push('does not end as a sentence');
  return problems;
}

interface Said {
  where: string;
  message: string;
}

function badOnes(said: readonly Said[]): { where: string; message: string; problems: string[] }[] {
  return said
    .map((s) => ({ ...s, problems: messageProblems(s.message) }))
    .filter((s) => s.problems.length > 0);
}

describe('messageProblems', () => {
  it.each([
    ['"woocommerceVersion" has an invalid value', 'identifier woocommerceVersion'],
    ['memoryLimit 8Gi is above the cap.', 'identifier memoryLimit'],
    ['connect ECONNREFUSED 127.0.0.1:6443.', 'errno code ECONNREFUSED'],
    ['It broke.\n    at run (/app/out/main/index.js:12:7)', 'stack frame'],
    ['Cannot upgrade store "shop" while it is Deleted.', 'quoted key "shop"'],
    ['createStore: name: too long.', 'identifier createStore'],
    ['TypeError: fetch failed.', 'error class TypeError'],
  ])('catches %j', (message, problem) => {
    expect(messageProblems(message)).toContain(problem);
  });

  it('passes plain sentences, WooCommerce and URLs', () => {
    for (const ok of [
      'WooCommerce 10.2.4 could not be installed.',
      'Nothing answers at https://127.0.0.1:9.',
      'Open http://shop.localhost/wp-admin/ to sign in.',
      'A memory limit must be a whole number of Mi or Gi from 128Mi to 16Gi, such as 512Mi or 1Gi.',
    ]) {
      expect(messageProblems(ok)).toEqual([]);
    }
  });
});

describe('what the IPC boundary says about bad arguments', () => {
  const STORE = { storeId: 's-1' };
  const CANDIDATE_ARGS: [InvokeMethod, unknown][] = [
    ...INVOKE_METHODS.flatMap((m): [InvokeMethod, unknown][] => [
      [m, undefined],
      [m, null],
      [m, 'text'],
      [m, []],
      [m, { unexpectedField: 1 }],
    ]),
    ...NAMES.map((name): [InvokeMethod, unknown] => [
      'createStore',
      { context: 'k3d-dev', name, kind: 'woocommerce' },
    ]),
    ['createStore', { context: 'k3d-dev', name: 'shop', kind: 'shopify' }],
    ['createStore', { context: '', name: 'shop', kind: 'woocommerce' }],
    ['createStore', { name: 'shop' }],
    ...IDS.map((storeId): [InvokeMethod, unknown] => ['getStore', { storeId }]),
    ...VERSIONS.map((v): [InvokeMethod, unknown] => [
      'upgradeStore',
      { ...STORE, woocommerceVersion: v },
    ]),
    ...MEMORY.map((v): [InvokeMethod, unknown] => ['upgradeStore', { ...STORE, memoryLimit: v }]),
    ...TAGS.map((v): [InvokeMethod, unknown] => [
      'upgradeStore',
      { ...STORE, wordpressImageTag: v },
    ]),
    ['upgradeStore', STORE],
    ['upgradeStore', { ...STORE, replicas: 3 }],
    ...[0, -1, 1.5, '2', null, 10_000_000].map((revision): [InvokeMethod, unknown] => [
      'rollbackStore',
      { ...STORE, revision },
    ]),
    ['openStore', { ...STORE, target: 'shell' }],
    ['updateSettings', { maxConcurrentProvisions: 0 }],
    ['updateSettings', { maxStoresPerContext: 'many' }],
    ['updateSettings', { maxCreatesPerMinute: 1e9 }],
    ['updateSettings', { helmPath: 'relative/helm' }],
    ['selectContext', { context: 'a b' }],
  ];

  it('answers every refused argument with a sentence for a person', async () => {
    const dispatch = createDispatch(fakeServices({}));
    const said: Said[] = [];
    for (const [method, arg] of CANDIDATE_ARGS) {
      const envelope = await dispatch(method, arg);
      if (!envelope.ok)
        said.push({ where: `${method} ${JSON.stringify(arg)}`, message: envelope.error.message });
    }
    expect(said.length).toBeGreaterThan(CANDIDATE_ARGS.length / 2);
    expect(badOnes(said)).toEqual([]);
  });
});

describe('what the engine says', () => {
  const engines = useMemoryEngines();

  it('refuses each action in each status with a sentence for a person', async () => {
    const e = engines();
    const said: Said[] = [];
    const record = async (where: string, call: () => unknown) => {
      try {
        await call();
      } catch (error) {
        said.push({ where, message: error instanceof Error ? error.message : String(error) });
      }
    };
    const statuses = STORE_STATUSES.filter((s) => s !== 'Queued' && s !== 'Provisioning');
    for (const status of statuses) {
      const store = e.engine.create({
        context: e.context,
        name: `s-${status.toLowerCase()}`,
        kind: 'woocommerce',
      });
      await e.engine.settled(store.id);
      e.repo.update(store.id, { status: status, step: 'helm' });
      const id = store.id;
      const where = (action: string) => `${action} while ${status}`;
      await record(where('cancel'), () => e.engine.cancel(id));
      await record(where('retry'), () => e.engine.retry(id));
      await record(where('upgrade'), () => e.engine.upgrade({ storeId: id, memoryLimit: '1Gi' }));
      await record(where('rollback'), () => e.engine.rollback(id, 1));
      await record(where('stop'), () => e.engine.stop(id));
      await record(where('start'), () => e.engine.start(id));
      await record(where('history'), () => e.engine.history(id));
      await record(where('reveal'), () => e.engine.revealCredentials(id));
      if (status === 'Deleted') await record(where('delete'), () => e.engine.delete(id));
      await e.engine.settled(id);
    }
    const early = e.engine.create({ context: e.context, name: 'early', kind: 'woocommerce' });
    await e.engine.settled(early.id);
    e.repo.update(early.id, { status: 'Failed', step: 'namespace', helmRevision: null });
    await record('rollback before Helm ran', () => e.engine.rollback(early.id, 1));
    await record('upgrade before Helm ran', () =>
      e.engine.upgrade({ storeId: early.id, memoryLimit: '1Gi' }),
    );
    await record('unknown store', () => e.engine.get('st_nothing_here'));
    await record('bad id', () => e.engine.get('../etc'));
    await record('bad kind', () =>
      e.engine.create({ context: e.context, name: 'k', kind: 'shopify' as 'woocommerce' }),
    );
    await record('not an object', () => e.engine.create(null as never));
    await record('upgrade nothing', () => e.engine.upgrade({ storeId: 'st_x' }));
    await record('upgrade not an object', () => e.engine.upgrade(null as never));
    await record('upgrade unknown key', () =>
      e.engine.upgrade({ storeId: 'st_x', replicas: '3' } as never),
    );
    await record('memory above the cap', () =>
      e.engine.upgrade({ storeId: 'st_x', memoryLimit: '16Gi' }),
    );
    await record('bad revision', () => e.engine.rollback('st_x', 0));
    await record('bad context', () => e.engine.list('a b'));
    expect(said.length).toBeGreaterThan(statuses.length * 4);
    expect(badOnes(said)).toEqual([]);
  });
});

describe('what a failed step says', () => {
  const engines = useMemoryEngines();
  const RAW: [FaultPoint, string][] = [
    ['ensureNamespace', 'connect ECONNREFUSED 127.0.0.1:6443'],
    ['helm.upgradeInstall', 'read ECONNRESET'],
    ['waitForStatefulSetReady', 'getaddrinfo ENOTFOUND k3d-dev.example'],
    [
      'waitForDeploymentReady',
      'TypeError: fetch failed\n    at node:internal/deps/undici/undici:13502:13\n    at async waitFor (/app/out/main/index.js:812:5)',
    ],
    ['waitForJobComplete', 'connect ETIMEDOUT 10.0.0.1:443'],
  ];

  it('summarises a raw system error in a sentence, leaving the raw text to Details', async () => {
    const said: Said[] = [];
    for (const [point, raw] of RAW) {
      const e = engines();
      e.cluster.fault(point, { error: raw });
      const created = e.engine.create({ context: e.context, name: 'raw', kind: 'woocommerce' });
      await e.engine.settled(created.id);
      const failed = e.repo.get(created.id);
      expect(failed?.status).toBe('Failed');
      said.push({ where: point, message: failed?.error ?? '' });
      const last = e.engine.get(created.id).events.at(-1);
      said.push({ where: `${point} event`, message: last?.message ?? '' });
    }
    expect(badOnes(said)).toEqual([]);
  });
});
