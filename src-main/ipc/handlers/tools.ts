import type { HandlerPart } from '../handler-table';

export const toolHandlers = {
  toolStatus: (services) => services.tools(),
  storeKinds: (services) => services.storeKinds(),
  systemCheck: (services) => services.firstRun.systemCheck(),
  installHelm: (services) => services.firstRun.installHelm(),
  cancelHelmInstall: (services) => {
    services.firstRun.cancelHelmInstall();
    return null;
  },
} satisfies HandlerPart;
