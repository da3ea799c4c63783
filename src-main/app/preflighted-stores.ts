import type { StoreEngine } from '../engine/store-engine';
import { parseCreateInput } from '../engine/validate-input';
import type { StoreService } from '../../src-shared/types/service-types';

/**
 * The engine as the app offers it: a create is refused before any row is written when
 * `preflight` rejects (no usable Helm, a cluster that does not answer); everything else goes
 * straight to the engine.
 */
export function withCreatePreflight(
  engine: StoreEngine,
  o: { kinds: readonly string[]; preflight(context: string): Promise<void> },
): StoreService {
  return {
    list: (context) => engine.list(context),
    get: (storeId) => engine.get(storeId),
    async create(input) {
      // Bad input is refused as such, without probing anything.
      const { context } = parseCreateInput(input, o.kinds);
      await o.preflight(context);
      return engine.create(input);
    },
    cancel: (storeId) => engine.cancel(storeId),
    retry: (storeId) => engine.retry(storeId),
    forget: (storeId) => engine.forget(storeId),
    delete: (storeId) => engine.delete(storeId),
    upgrade: (input) => engine.upgrade(input),
    rollback: (storeId, revision) => engine.rollback(storeId, revision),
    stop: (storeId) => engine.stop(storeId),
    start: (storeId) => engine.start(storeId),
    history: (storeId) => engine.history(storeId),
    revealCredentials: (storeId) => engine.revealCredentials(storeId),
    adminLoginUrl: (storeId) => engine.adminLoginUrl(storeId),
    onStoreUpdated: (listener) => engine.onStoreUpdated(listener),
    onStoreEvent: (listener) => engine.onStoreEvent(listener),
  };
}
