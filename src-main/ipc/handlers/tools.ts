import type { HandlerPart } from '../handler-table';

export const toolHandlers = {
  toolStatus: (services) => services.tools(),
  storeKinds: (services) => services.storeKinds(),
} satisfies HandlerPart;
