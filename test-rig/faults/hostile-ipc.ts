// A burst of hostile IPC calls through the real dispatch with the real app services: bad names,
// __proto__ and friends, huge and non-finite numbers. Every one must be refused with a clear
// error code, and nothing may change: no row, no setting, no polluted prototype.
import { randomUUID } from 'node:crypto';
import { newDataDir, type FaultEnv } from './fault-env';
import { startApp } from './fault-app';
import { emptyResult, type FamilyResult } from './report';

type Call = [method: string, arg: unknown];

export function hostileCalls(context: string): Call[] {
  const id = randomUUID();
  const proto = (json: string): unknown => JSON.parse(json);
  const create = (name: unknown): Call => ['createStore', { context, name, kind: 'woocommerce' }];
  return [
    ['__proto__', {}],
    ['constructor', {}],
    ['toString', {}],
    ['hasOwnProperty', 'listStores'],
    ['', null],
    ['LISTSTORES', { context }],
    create(''),
    create('A'),
    create('UPPER-case'),
    create('../../etc'),
    create('a'.repeat(300)),
    create('name with space'),
    create('ünïcödé'),
    create('x;rm -rf /'),
    create('-leading'),
    create('trailing-'),
    create(null),
    create(42),
    create(1e308),
    create({ toString: 'x' }),
    create('__proto__'),
    [
      'createStore',
      proto(
        `{"__proto__":{"polluted":true},"context":"${context}","name":"ok-name","kind":"woocommerce"}`,
      ),
    ],
    ['createStore', { context: '__proto__', name: 'fine-name', kind: 'woocommerce' }],
    ['createStore', { context, name: 'fine-name', kind: '__proto__' }],
    ['createStore', { context, name: 'fine-name', kind: 'woocommerce', extra: 1 }],
    ['createStore', '__proto__'],
    ['createStore', null],
    ['createStore', []],
    ['getStore', { storeId: '__proto__' }],
    ['getStore', { storeId: 'constructor' }],
    ['getStore', { storeId: 1e308 }],
    ['getStore', { storeId: 'a'.repeat(100_000) }],
    ['getStore', proto('{"__proto__":{"storeId":"x"}}')],
    ['rollbackStore', { storeId: id, revision: 1e308 }],
    ['rollbackStore', { storeId: id, revision: Number.MAX_SAFE_INTEGER + 2 }],
    ['rollbackStore', { storeId: id, revision: -1 }],
    ['rollbackStore', { storeId: id, revision: 1.5 }],
    ['rollbackStore', { storeId: id, revision: Number.NaN }],
    ['rollbackStore', { storeId: id, revision: Number.POSITIVE_INFINITY }],
    ['upgradeStore', proto(`{"storeId":"${id}","__proto__":{"memoryLimit":"1Gi"}}`)],
    ['upgradeStore', { storeId: id, toString: 'x' }],
    ['upgradeStore', { storeId: id, memoryLimit: '999999999Gi' }],
    ['updateSettings', { maxStoresPerContext: 1e308 }],
    ['updateSettings', { maxCreatesPerMinute: -1 }],
    ['updateSettings', { maxConcurrentProvisions: 2 ** 53 }],
    ['updateSettings', proto('{"__proto__":{"maxStoresPerContext":1}}')],
    ['updateSettings', { helmPath: '/bin/sh' }],
    ['deleteStore', { storeId: '__proto__' }],
    ['cancelStore', { storeId: 12345 }],
    ['selectContext', { context: '__proto__' }],
  ];
}

export async function hostileIpc(env: FaultEnv): Promise<FamilyResult> {
  const result = emptyResult();
  const app = await startApp(env, await newDataDir(env, 'ipc'));
  try {
    const context = env.cluster.context;
    const before = JSON.stringify(app.services.settings.get());
    const calls = hostileCalls(context);
    const answers = await Promise.all(
      calls.map(([method, arg]) => {
        result.injected += 1;
        return app.dispatch(method, arg);
      }),
    );
    answers.forEach((answer, i) => {
      const [method] = calls[i] ?? ['?'];
      if (!answer.ok && answer.error.code !== 'internal') result.converged += 1;
      else
        result.notes.push(
          `call ${i} (${method || '""'}) answered ${JSON.stringify(answer).slice(0, 200)}`,
        );
    });
    const rows = app.services.stores.list(context);
    if (rows.length > 0) {
      result.leftovers += rows.length;
      result.notes.push(`rows created: ${rows.map((s) => s.name).join(', ')}`);
    }
    if (JSON.stringify(app.services.settings.get()) !== before) {
      result.leftovers += 1;
      result.notes.push('settings changed');
    }
    if ('polluted' in {} || 'maxStoresPerContext' in {} || 'memoryLimit' in {}) {
      result.leftovers += 1;
      result.notes.push('Object.prototype was polluted');
    }
    const still = await app.dispatch('listStores', { context });
    if (!still.ok) result.notes.push('the app stopped answering after the burst');
    if (app.internalErrors.length > 0)
      result.notes.push(`internal: ${app.internalErrors.join('; ')}`);
  } finally {
    await app.shutdown();
  }
  return result;
}
