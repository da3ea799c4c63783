import type { ContextList, StorefleetApi } from '../../../src-shared/ipc/contract';
import { errorMessage } from '../api/error-message';
import { loadContexts, loadKinds, loadStores, loadTools, probeContext } from './actions';
import { useApp } from './app-store';
import { useStores } from './stores-store';

/**
 * Subscribes to main's events first, then fetches the snapshots, so nothing that happens in
 * between is missed (merges are idempotent, so seeing something twice is harmless).
 * Returns the unsubscribe function.
 */
export function startLiveSync(api: StorefleetApi, onError: (message: string) => void): () => void {
  const offs = [
    api.on('storeUpdated', (store) => useStores.getState().upsert(store)),
    api.on('storeEvent', (event) => useStores.getState().appendEvents([event])),
    api.on('contextsChanged', (list) => onContextsChanged(api, list, onError)),
    // The tray's Create a store.
    api.on('openCreateStore', () => useApp.getState().setCreateOpen(true)),
  ];
  const report = (p: Promise<void>) => p.catch((e: unknown) => onError(errorMessage(e)));
  void report(loadContexts(api));
  void report(loadTools(api));
  void report(loadKinds(api));
  return () => offs.forEach((off) => off());
}

function onContextsChanged(
  api: StorefleetApi,
  list: ContextList,
  onError: (message: string) => void,
): void {
  const before = useApp.getState().contexts?.selected ?? null;
  useApp.getState().setContexts(list);
  if (!list.selected) return;
  if (list.selected !== before) {
    useApp.getState().openStore(null);
    loadStores(api, list.selected).catch((e: unknown) => onError(errorMessage(e)));
  }
  // A kubeconfig edit may have changed the server or credentials behind the same name.
  void probeContext(api, list.selected);
}
