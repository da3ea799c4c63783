import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Store } from '../../src-shared/types/store-types';
import { adminAvailableFor } from '../../src-shared/types/store-access';

/** A fresh directory per test so every test opens a real database file of its own. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'storefleet-db-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

let counter = 0;

export function makeStore(overrides: Partial<Store> = {}): Store {
  counter += 1;
  const name = overrides.name ?? `shop-${counter}`;
  const at = overrides.createdAt ?? new Date(Date.UTC(2025, 0, 1, 0, 0, counter)).toISOString();
  return {
    id: `store-${counter}-${Math.random().toString(16).slice(2, 8)}`,
    name,
    kind: 'woocommerce',
    context: 'k3d-dev',
    namespace: `store-${name}`,
    status: 'Queued',
    step: null,
    error: null,
    url: `http://${name}.localhost`,
    adminUrl: `http://${name}.localhost/wp-admin/`,
    createdAt: at,
    updatedAt: at,
    statusSince: at,
    helmRevision: null,
    errorDetails: null,
    adminAvailable: adminAvailableFor(overrides.status ?? 'Queued', overrides.step ?? null),
    ...overrides,
  };
}
