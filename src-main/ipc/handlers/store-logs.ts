import type { HandlerPart } from '../handler-table';

export const storeLogHandlers = {
  storeLogSources: (services, { storeId }) => services.storeLogs.sources(storeId),
  subscribeStoreLogs: (services, { storeId, tailLines }) =>
    services.storeLogs.subscribe(storeId, tailLines),
  renewStoreLogs: (services, { subscriptionId }) => services.storeLogs.renew(subscriptionId),
  unsubscribeStoreLogs: (services, { subscriptionId }) => {
    services.storeLogs.unsubscribe(subscriptionId);
    return null;
  },
  storeSupportBundle: (services, { storeId }) => services.storeLogs.bundle(storeId),
} satisfies HandlerPart;
