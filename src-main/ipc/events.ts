import type { EventMap, EventName } from '../../src-shared/ipc/contract';
import type { AppServices } from './services';

export type Broadcast = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/**
 * Forwards every main → renderer event to one transport. Returns the unsubscribe, which a
 * transport calls when it closes so a dead window or socket is never written to.
 */
export function wireEvents(services: AppServices, broadcast: Broadcast): () => void {
  const offs = [
    services.stores.onStoreUpdated((store) => broadcast('storeUpdated', store)),
    services.stores.onStoreEvent((event) => broadcast('storeEvent', event)),
    services.storeLogs.onLines((batch) => broadcast('storeLog', batch)),
    services.contexts.onChange((list) => broadcast('contextsChanged', list)),
    services.firstRun.onHelmInstallProgress((progress) =>
      broadcast('helmInstallProgress', progress),
    ),
    services.firstRun.onLocalClusterProgress((progress) =>
      broadcast('localClusterProgress', progress),
    ),
  ];
  return () => {
    for (const off of offs.splice(0)) off();
  };
}
