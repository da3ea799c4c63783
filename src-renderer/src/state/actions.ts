// Everything that asks main for data and writes the answer into the stores. Components call
// these with the api from context; there is no polling anywhere, only snapshots plus events.
import type { ContextList, StorefleetApi } from '../../../src-shared/ipc/contract';
import { errorMessage } from '../api/error-message';
import { lastProbe, useApp } from './app-store';
import { useStores } from './stores-store';

export async function loadStores(api: StorefleetApi, context: string): Promise<void> {
  const requestedAt = Date.now();
  const stores = await api.listStores({ context });
  useStores.getState().applySnapshot(context, stores, requestedAt);
}

export async function loadStore(api: StorefleetApi, storeId: string): Promise<void> {
  const { store, events } = await api.getStore({ storeId });
  const s = useStores.getState();
  s.upsert(store);
  s.appendEvents(events);
}

export async function probeContext(api: StorefleetApi, context: string): Promise<void> {
  const { setProbe, probes } = useApp.getState();
  setProbe(context, { state: 'checking', last: lastProbe(probes[context]) });
  try {
    setProbe(context, { state: 'done', probe: await api.probeContext({ context }) });
  } catch (error) {
    setProbe(context, { state: 'error', message: errorMessage(error) });
  }
}

/** A kubeconfig that cannot be read is shown in the banner; other failures go to the caller. */
export async function loadContexts(api: StorefleetApi): Promise<void> {
  let list: ContextList;
  try {
    list = await api.listContexts({});
  } catch (error) {
    useApp.getState().setContextsError(errorMessage(error));
    return;
  }
  useApp.getState().setContexts(list);
  if (list.selected) {
    await Promise.all([loadStores(api, list.selected), probeContext(api, list.selected)]);
  }
}

export async function switchContext(api: StorefleetApi, context: string): Promise<void> {
  const list = await api.selectContext({ context });
  useApp.getState().setContexts(list);
  useApp.getState().openStore(null);
  if (list.selected) {
    await Promise.all([loadStores(api, list.selected), probeContext(api, list.selected)]);
  }
}

export async function loadTools(api: StorefleetApi): Promise<void> {
  useApp.getState().setTools(await api.toolStatus({}));
}

export async function loadKinds(api: StorefleetApi): Promise<void> {
  useApp.getState().setKinds(await api.storeKinds({}));
}

/** Failed/Cancelled → the operation that stopped runs again; the store's events follow live. */
export async function retryStore(api: StorefleetApi, storeId: string): Promise<void> {
  await api.retryStore({ storeId });
}

/**
 * Removes the store from Storefleet's records, touching nothing in the cluster. No event says a
 * row is gone, so the context's list is read again, which drops it, and its page closes.
 */
export async function forgetStore(
  api: StorefleetApi,
  store: { id: string; context: string },
): Promise<void> {
  await api.forgetStore({ storeId: store.id });
  if (useApp.getState().openStoreId === store.id) useApp.getState().openStore(null);
  await loadStores(api, store.context);
}
