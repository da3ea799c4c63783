import { describe, expect, it } from 'vitest';
import type { InvokeMethod } from '../../src-shared/ipc/contract';
import { INVOKE_METHODS } from '../../src-shared/ipc/contract';
import { HANDLERS, createDispatch } from './dispatch';
import { fakeServices } from '../../test-rig/fake-services';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import { DatabaseError } from '../db/database-error';
import { ToolError } from '../tools/tool-error';

// One bad argument per method and the field its message must name.
const BAD: Record<InvokeMethod, { arg: unknown; field: string }> = {
  listContexts: { arg: { extra: 1 }, field: 'extra' },
  selectContext: { arg: { context: '-rm' }, field: 'context' },
  probeContext: { arg: { context: '' }, field: 'context' },
  listStores: { arg: {}, field: 'context' },
  getStore: { arg: { storeId: '../etc' }, field: 'storeId' },
  createStore: { arg: { context: 'k3d-dev', name: 'Shop_1', kind: 'woocommerce' }, field: 'name' },
  cancelStore: { arg: { storeId: 42 }, field: 'storeId' },
  retryStore: { arg: { storeId: '' }, field: 'storeId' },
  forgetStore: { arg: { storeId: 's-a', everything: true }, field: 'everything' },
  deleteStore: { arg: null, field: 'argument' },
  upgradeStore: { arg: { storeId: 's-a', memoryLimit: '64Gi' }, field: 'memoryLimit' },
  rollbackStore: { arg: { storeId: 's-a', revision: 0 }, field: 'revision' },
  stopStore: { arg: { storeId: 's-a', force: true }, field: 'force' },
  startStore: { arg: {}, field: 'storeId' },
  storeHistory: { arg: { storeId: 's-a', all: true }, field: 'all' },
  revealCredentials: { arg: 'shop', field: 'argument' },
  openStore: { arg: { storeId: 's-a', target: 'file:///etc/passwd' }, field: 'target' },
  toolStatus: { arg: [], field: 'argument' },
  storeKinds: { arg: { kind: 'x' }, field: 'kind' },
  systemCheck: { arg: { deep: true }, field: 'deep' },
  installHelm: { arg: { version: '2.0.0' }, field: 'version' },
  cancelHelmInstall: { arg: 7, field: 'argument' },
  createLocalCluster: { arg: { name: 'My Shop' }, field: 'name' },
  cancelLocalCluster: { arg: { name: 'shop' }, field: 'name' },
  startLocalCluster: { arg: { name: '-rm' }, field: 'name' },
  stopLocalCluster: { arg: {}, field: 'name' },
  deleteLocalCluster: { arg: { name: 'shop', volumes: true }, field: 'volumes' },
  getSettings: { arg: 'all', field: 'argument' },
  updateSettings: { arg: { maxConcurrentProvisions: 500 }, field: 'maxConcurrentProvisions' },
  connectStoreDatabase: { arg: { storeId: 's-a', port: 3306 }, field: 'port' },
  disconnectStoreDatabase: { arg: { storeId: 7 }, field: 'storeId' },
  revealStoreDatabasePassword: { arg: { storeId: '../x' }, field: 'storeId' },
  storeLogSources: { arg: { storeId: 's-a', pod: 'x' }, field: 'pod' },
  subscribeStoreLogs: { arg: { storeId: 's-a', tailLines: 1e9 }, field: 'tailLines' },
  renewStoreLogs: { arg: { subscriptionId: '../x' }, field: 'subscriptionId' },
  unsubscribeStoreLogs: { arg: {}, field: 'subscriptionId' },
  storeSupportBundle: { arg: { storeId: '' }, field: 'storeId' },
  storeResources: { arg: { context: 'k3d-dev', storeId: 7 }, field: 'storeId' },
};

describe('dispatch', () => {
  it('has a handler for every contract method and nothing more', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual([...INVOKE_METHODS].sort());
  });

  it.each(INVOKE_METHODS)(
    '%s: rejects a bad argument naming the field and calls nothing',
    async (method) => {
      const services = fakeServices();
      const { arg, field } = BAD[method];
      const envelope = await createDispatch(services)(method, arg);
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      // The key is in details, for code; the message is a sentence without identifiers.
      expect(envelope.ok ? '' : envelope.error.message).toMatch(/^[A-Z].*\.$/);
      expect(envelope.ok ? '' : envelope.error.message).not.toContain(method);
      expect(envelope.ok ? undefined : envelope.error.details).toEqual({ field });
      expect(services.calls).toEqual([]);
    },
  );

  it.each(['6.8.3-php8.2-fpm-alpine', '6.8.3-php8.2-fpm', 'latest'])(
    'refuses the WordPress image tag %s, which does not fit the chart, and calls nothing',
    async (tag) => {
      const services = fakeServices();
      const envelope = await createDispatch(services)('upgradeStore', {
        storeId: 's-a',
        wordpressImageTag: tag,
      });
      expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
      expect(envelope.ok ? '' : envelope.error.message).toContain('an -apache tag such as');
      expect(services.calls).toEqual([]);
    },
  );

  it('rejects a store name longer than 40 characters', async () => {
    const services = fakeServices();
    const envelope = await createDispatch(services)('createStore', {
      context: 'k3d-dev',
      name: 'a'.repeat(41),
      kind: 'woocommerce',
    });
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(services.calls).toEqual([]);
  });

  it('refuses updateSettings for selectedContext, which only selectContext may change', async () => {
    const envelope = await createDispatch(fakeServices())('updateSettings', {
      selectedContext: 'x',
    });
    expect(envelope).toMatchObject({
      ok: false,
      error: { code: 'invalid-argument', details: { field: 'selectedContext' } },
    });
  });

  it('refuses an unknown method without calling anything', async () => {
    const services = fakeServices();
    const envelope = await createDispatch(services)('constructor', {});
    expect(envelope).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(services.calls).toEqual([]);
  });

  it('passes a valid argument through and wraps the result', async () => {
    const services = fakeServices();
    const dispatch = createDispatch(services);
    const created = await dispatch('createStore', {
      context: 'k3d-dev',
      name: 'shop-1',
      kind: 'woocommerce',
    });
    expect(created).toMatchObject({ ok: true, value: { name: 'shop-1', status: 'Queued' } });
    await expect(dispatch('rollbackStore', { storeId: 's-shop-1', revision: 2 })).resolves.toEqual({
      ok: true,
      value: null,
    });
    await expect(
      dispatch('updateSettings', { helmPath: '/opt/helm', maxStoresPerContext: 50 }),
    ).resolves.toMatchObject({
      ok: true,
      value: { helmPath: '/opt/helm', maxStoresPerContext: 50 },
    });
    expect(services.calls.map((c) => c.name)).toEqual([
      'stores.create',
      'stores.rollback',
      'settings.update',
    ]);
  });
});

describe('dispatch error mapping', () => {
  const call = async (error: unknown): Promise<unknown> => {
    const services = fakeServices();
    services.failNext(error);
    const envelope = await createDispatch(services)('toolStatus', {});
    if (envelope.ok) throw new Error('expected an error envelope');
    return envelope.error;
  };

  it('keeps code, message and details of an IpcError', async () => {
    await expect(
      call(new IpcError('limit-exceeded', 'At most 20 stores.', { limit: 20 })),
    ).resolves.toEqual({
      code: 'limit-exceeded',
      message: 'At most 20 stores.',
      details: { limit: 20 },
    });
  });

  it('keeps an Error whose code is an IpcErrorCode, dropping non-primitive details', async () => {
    const error = Object.assign(new Error('Store shop is busy.'), {
      code: 'conflict',
      details: { step: 'helm', raw: { a: 1 } },
    });
    await expect(call(error)).resolves.toEqual({
      code: 'conflict',
      message: 'Store shop is busy.',
      details: { step: 'helm' },
    });
  });

  it('turns an unknown error into internal with a fixed message and no stack', async () => {
    const payload = await call(
      Object.assign(new Error('connect to postgres://admin:hunter2@db failed'), {
        code: 'ECONNREFUSED',
      }),
    );
    expect(payload).toEqual({ code: 'internal', message: expect.any(String) as string });
    expect(JSON.stringify(payload)).not.toMatch(/hunter2|stack|at .*\.ts/);
  });

  it('turns a thrown non-Error into internal', async () => {
    await expect(call('boom')).resolves.toMatchObject({ code: 'internal' });
  });

  it('translates a tool error and keeps its plain-language message', async () => {
    const error = new ToolError({
      code: 'quota-exceeded',
      message: 'The namespace quota is full.',
      command: 'helm upgrade',
    });
    await expect(call(error)).resolves.toEqual({
      code: 'limit-exceeded',
      message: 'The namespace quota is full.',
      details: { reason: 'quota-exceeded' },
    });
  });

  it('reports internal errors by method and error name only', async () => {
    const seen: string[] = [];
    const services = fakeServices();
    services.failNext(new TypeError('secret-token-123 is not a function'));
    await createDispatch(services, { onInternalError: (m, n) => seen.push(`${m} ${n}`) })(
      'toolStatus',
      {},
    );
    expect(seen).toEqual(['toolStatus TypeError']);
  });

  it('logs a database failure with its SQLite code, so a lock and a full disk differ', async () => {
    const seen: string[] = [];
    const services = fakeServices();
    for (const code of ['SQLITE_BUSY', 'SQLITE_FULL']) {
      services.failNext(new DatabaseError(code, `The database failed (${code}).`));
      const envelope = await createDispatch(services, {
        onInternalError: (m, n) => seen.push(`${m} ${n}`),
      })('toolStatus', {});
      expect(envelope).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    }
    expect(seen).toEqual([
      'toolStatus DatabaseError (SQLITE_BUSY)',
      'toolStatus DatabaseError (SQLITE_FULL)',
    ]);
  });
});

describe('dispatch debug log', () => {
  const LINE = /^ipc (\S+) (ok|error [a-z-]+) (\d+)ms$/;

  it('writes one line per call: method, outcome and duration', async () => {
    const lines: string[] = [];
    const services = fakeServices();
    services.addStore({ id: 's-a', name: 'a' });
    const dispatch = createDispatch(services, { debug: (line) => lines.push(line) });
    await dispatch('getStore', { storeId: 's-a' });
    await dispatch('getStore', { storeId: 's-missing' });
    await dispatch('rollbackStore', { storeId: 's-a', revision: 0 });
    await dispatch('dropTables', {});
    expect(lines.map((l) => l.replace(LINE, 'ipc $1 $2'))).toEqual([
      'ipc getStore ok',
      'ipc getStore error not-found',
      'ipc rollbackStore error invalid-argument',
      'ipc <unknown> error invalid-argument',
    ]);
    expect(lines.every((l) => LINE.test(l))).toBe(true);
  });

  it('never writes an argument or a result, so a password stays out of the log', async () => {
    const lines: string[] = [];
    const services = fakeServices();
    services.addStore({ id: 's-a', name: 'a' });
    const dispatch = createDispatch(services, { debug: (line) => lines.push(line) });
    const secret = 'hunter2-secret-value';
    await dispatch('updateSettings', { helmPath: `/opt/${secret}/helm` });
    await dispatch('updateSettings', { helmPath: secret });
    const revealed = await dispatch('revealCredentials', { storeId: 's-a' });
    const password = revealed.ok ? (revealed.value as { password: string }).password : '';
    expect(password).not.toBe('');
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain(secret);
      expect(line).not.toContain(password);
    }
  });
});
