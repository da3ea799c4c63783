import type { HandlerPart } from '../handler-table';
import { openStore } from '../open-store';

export const storeHandlers = {
  listStores: (services, { context }) => services.stores.list(context),
  getStore: (services, { storeId }) => services.stores.get(storeId),
  createStore: (services, input) => services.stores.create(input),
  cancelStore: async (services, { storeId }) => {
    await services.stores.cancel(storeId);
    return null;
  },
  retryStore: async (services, { storeId }) => {
    await services.stores.retry(storeId);
    return null;
  },
  forgetStore: async (services, { storeId }) => {
    await services.stores.forget(storeId);
    return null;
  },
  deleteStore: async (services, { storeId }) => {
    await services.stores.delete(storeId);
    return null;
  },
  upgradeStore: async (services, input) => {
    await services.stores.upgrade(input);
    return null;
  },
  rollbackStore: async (services, { storeId, revision }) => {
    await services.stores.rollback(storeId, revision);
    return null;
  },
  stopStore: async (services, { storeId }) => {
    await services.stores.stop(storeId);
    return null;
  },
  startStore: async (services, { storeId }) => {
    await services.stores.start(storeId);
    return null;
  },
  storeHistory: (services, { storeId }) => services.stores.history(storeId),
  revealCredentials: (services, { storeId }) => services.stores.revealCredentials(storeId),
  openStore: (services, arg) => openStore(services, arg),
} satisfies HandlerPart;
