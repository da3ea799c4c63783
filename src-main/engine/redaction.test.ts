// Passwords never reach a store's error, its events, the log or the database, even when a
// failure quotes them, and even in an engine that restarted and has not read them yet
// (cluster: the in-memory STAND-IN; the failures quoting passwords are stand-ins too).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { MemoryEngine } from '../../test-rig/engine/memory-engine';
import {
  readyStore,
  settled,
  toldOf,
  useMemoryEngines,
} from '../../test-rig/engine/memory-support';
import type { Store } from '../../src-shared/types/store-types';
import { ToolError } from '../tools/tool-error';

const start = useMemoryEngines();
const later: MemoryEngine[] = [];
afterEach(async () => {
  for (const e of later.splice(0)) await e.close();
});

function passwordOf(e: MemoryEngine, store: Store): string {
  const data = e.cluster.namespaces.get(store.namespace)?.secrets.get(`${store.name}-credentials`);
  const password = data?.['wordpress-admin-password'] ?? '';
  expect(password.length).toBeGreaterThan(20);
  return password;
}

function quoting(password: string): ToolError {
  const text = `Error: UPGRADE FAILED: value '${password}' was rejected`;
  return new ToolError({ code: 'failed', command: 'helm', message: text, stderrTail: text });
}

/** Everything a user or a log reader could see; checked with booleans so a failure never prints it. */
function leaks(e: MemoryEngine, store: Store, password: string): string[] {
  e.db.pragma('wal_checkpoint(PASSIVE)');
  const told = {
    store: JSON.stringify(e.engine.get(store.id)),
    logs: e.logs.join('\n'),
    database: readdirSync(e.dataDir)
      .filter((f) => f.startsWith('storefleet.db'))
      .map((f) => readFileSync(join(e.dataDir, f), 'latin1'))
      .join(''),
  };
  return Object.entries(told)
    .filter(([, text]) => text.includes(password))
    .map(([where]) => where);
}

describe('redaction (cluster: in-memory stand-in)', () => {
  it('scrubs a password quoted by a failing Helm upgrade from the error, events, logs and database', async () => {
    const e = start();
    const store = await readyStore(e, 'quoted');
    const password = passwordOf(e, store);
    e.cluster.fault('helm.upgradeInstall', { error: quoting(password) });
    await e.engine.upgrade({ storeId: store.id, memoryLimit: '600Mi' });
    const failed = await settled(e, store.id);
    expect(failed).toMatchObject({ status: 'Failed', step: 'upgrade' });
    // Where it leaked first, so a failure never prints the password itself.
    expect(leaks(e, store, password)).toEqual([]);
    expect(toldOf(failed)).toContain("value '[redacted]' was rejected");
    expect(failed.errorDetails).toContain('UPGRADE FAILED');
  });

  it('scrubs a password in a bootstrap Job’s log tail', async () => {
    const e = start();
    const store = await readyStore(e, 'jobtail');
    const password = passwordOf(e, store);
    const failure = Object.assign(new Error('Job failed'), {
      logTail: [`wp user create admin --user_pass=${password}`],
    });
    e.cluster.fault('waitForJobComplete', { error: failure });
    await e.engine.upgrade({ storeId: store.id, woocommerceVersion: '10.3.0' });
    const failed = await settled(e, store.id);
    expect(failed).toMatchObject({ status: 'Failed', step: 'bootstrap' });
    expect(leaks(e, store, password)).toEqual([]);
    expect(failed.error).toBe('Job failed.');
    expect(failed.errorDetails).toContain('--user_pass=[redacted]');
  });

  it('scrubs the passwords from a rollback that fails in a restarted engine', async () => {
    const first = start();
    const store = await readyStore(first, 'restart');
    const password = passwordOf(first, store);
    // A second revision, so there is an earlier one to roll back to.
    await first.engine.upgrade({ storeId: store.id, memoryLimit: '600Mi' });
    await settled(first, store.id);
    await first.close();

    const second = first.restart();
    later.push(second);
    second.cluster.fault('helm.rollback', { error: quoting(password) });
    await second.engine.rollback(store.id, 1);
    const failed = await settled(second, store.id);
    expect(failed.status).toBe('Failed');
    expect(leaks(second, store, password)).toEqual([]);
    expect(toldOf(failed)).toContain("value '[redacted]' was rejected");
  });
});
