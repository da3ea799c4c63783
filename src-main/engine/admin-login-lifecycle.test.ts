// One-click admin login through the engine, on the in-memory cluster STAND-IN: a new store's
// Secret carries a login key, an upgrade keeps it, an older store gains one on its next
// upgrade, and the signed URL appears in no log or event.
import { describe, expect, it } from 'vitest';
import { readyStore, settled, useMemoryEngines } from '../../test-rig/engine/memory-support';
import type { MemoryEngine } from '../../test-rig/engine/memory-engine';
import { readAdminLoginToken } from '../store-kinds/woocommerce/admin-login-token';

const start = useMemoryEngines();

function secretOf(e: MemoryEngine, name: string): Map<string, Record<string, string>> {
  const secrets = e.cluster.namespaces.get(`store-${name}`)?.secrets;
  if (!secrets) throw new Error(`no namespace store-${name}`);
  return secrets;
}

function loginKey(e: MemoryEngine, name: string): string | undefined {
  return secretOf(e, name).get(`${name}-credentials`)?.['login-key'];
}

describe('one-click admin login (cluster: in-memory stand-in)', () => {
  it('signs a URL for a new store’s admin with the key in its Secret, logged nowhere', async () => {
    const e = start();
    const store = await readyStore(e, 'oneclick');
    const key = loginKey(e, 'oneclick');
    expect(key).toMatch(/^[A-Za-z0-9]{64}$/);

    const url = await e.engine.adminLoginUrl(store.id);
    const parsed = new URL(url ?? '');
    expect(parsed.origin).toBe(new URL(store.url).origin);
    const token = parsed.searchParams.get('storefleet-login') ?? '';
    expect(readAdminLoginToken(token, key ?? '')?.user).toBe('admin');

    await e.engine.upgrade({ storeId: store.id, memoryLimit: '640Mi' });
    await settled(e, store.id);
    const told = JSON.stringify([e.logs, e.engine.get(store.id), e.repo.settings(store.id)]);
    expect(told).not.toContain(token);
    expect(told).not.toContain(key);
    // The upgrade kept the key, so a URL signed before it still checks out.
    expect(loginKey(e, 'oneclick')).toBe(key);
  });

  it('gives a store from before one-click login a key on its next upgrade, and keeps it', async () => {
    const e = start();
    const store = await readyStore(e, 'older');
    const secrets = secretOf(e, 'older');
    const { 'login-key': _dropped, ...older } = secrets.get('older-credentials') ?? {};
    secrets.set('older-credentials', older);
    expect(await e.engine.adminLoginUrl(store.id)).toBeNull();

    await e.engine.upgrade({ storeId: store.id, memoryLimit: '640Mi' });
    expect(await settled(e, store.id)).toMatchObject({ status: 'Ready' });
    const key = loginKey(e, 'older');
    expect(key).toMatch(/^[A-Za-z0-9]{64}$/);
    expect(await e.engine.adminLoginUrl(store.id)).toMatch(/\?storefleet-login=/);

    await e.engine.upgrade({ storeId: store.id, memoryLimit: '768Mi' });
    await settled(e, store.id);
    expect(loginKey(e, 'older')).toBe(key);
  });

  it('has no login URL for a store whose WordPress has not answered yet', async () => {
    const e = start();
    const created = e.engine.create({ context: e.context, name: 'early', kind: 'woocommerce' });
    expect(created.adminAvailable).toBe(false);
    expect(await e.engine.adminLoginUrl(created.id)).toBeNull();
    await settled(e, created.id);
  });
});
