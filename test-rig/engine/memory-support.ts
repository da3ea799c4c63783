// Helpers for the engine's unit tests on the in-memory cluster STAND-IN.
import { afterEach } from 'vitest';
import type { Store, StoreEvent } from '../../src-shared/types/store-types';
import { startMemoryEngine, type MemoryEngine, type MemoryEngineOptions } from './memory-engine';

/** Engines a test file starts; each is disposed (data dir removed) after its test. */
export function useMemoryEngines(): (o?: MemoryEngineOptions) => MemoryEngine {
  const open: MemoryEngine[] = [];
  afterEach(async () => {
    for (const e of open.splice(0)) await e.dispose();
  });
  return (o) => {
    const e = startMemoryEngine(o);
    open.push(e);
    return e;
  };
}

export async function settled(e: MemoryEngine, id: string): Promise<Store> {
  await e.engine.settled(id);
  const store = e.repo.get(id);
  if (!store) throw new Error(`store ${id} vanished`);
  return store;
}

export function create(e: MemoryEngine, name: string): Store {
  return e.engine.create({ context: e.context, name, kind: 'woocommerce' });
}

export async function readyStore(e: MemoryEngine, name: string): Promise<Store> {
  const created = create(e, name);
  const store = await settled(e, created.id);
  if (store.status !== 'Ready') throw new Error(`${name} is ${store.status}: ${store.error ?? ''}`);
  return store;
}

/** Resolves when the store's event for `step` with `status` is recorded. */
export function nextEvent(
  e: MemoryEngine,
  id: string,
  step: string,
  status: StoreEvent['status'] = 'started',
): Promise<StoreEvent> {
  return new Promise((resolve) => {
    const off = e.engine.onStoreEvent((ev) => {
      if (ev.storeId === id && ev.step === step && ev.status === status) {
        off();
        resolve(ev);
      }
    });
  });
}

export function milestones(e: MemoryEngine, id: string): string[] {
  return e.engine
    .get(id)
    .events.filter((ev) => ev.status === 'started' || ev.status === 'succeeded')
    .map((ev) => `${ev.step}:${ev.status}`);
}

/** A failed store's sentence and, after it, the details behind it: all a user can read of it. */
export function toldOf(store: Store): string {
  return [store.error, store.errorDetails].filter(Boolean).join('\n');
}
