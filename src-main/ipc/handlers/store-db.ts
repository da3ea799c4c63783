import type { HandlerPart } from '../handler-table';

export const storeDbHandlers = {
  connectStoreDatabase: (services, { storeId }) => services.storeDb.connect(storeId),
  disconnectStoreDatabase: async (services, { storeId }) => {
    await services.storeDb.disconnect(storeId);
    return null;
  },
  revealStoreDatabasePassword: (services, { storeId }) => services.storeDb.revealPassword(storeId),
} satisfies HandlerPart;
