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
  createLocalCluster: (services, arg) => services.firstRun.createLocalCluster(arg),
  cancelLocalCluster: (services) => {
    services.firstRun.cancelLocalCluster();
    return null;
  },
  startLocalCluster: (services, { name }) => services.firstRun.startLocalCluster(name),
  stopLocalCluster: (services, { name }) => services.firstRun.stopLocalCluster(name),
  deleteLocalCluster: (services, { name }) => services.firstRun.deleteLocalCluster(name),
} satisfies HandlerPart;
