// The renderer tests' StorefleetApi: the fake AppServices behind main's real dispatch (argument
// checks, error mapping) and main's real event wiring. Not the real main process: nothing is
// provisioned, and no transport is involved.
import { apiMethods } from '../src-shared/ipc/api-methods';
import type { EventMap, EventName, InvokeMethod, StorefleetApi } from '../src-shared/ipc/contract';
import { unwrapEnvelope } from '../src-shared/ipc/ipc-error';
import { createDispatch } from '../src-main/ipc/dispatch';
import { wireEvents } from '../src-main/ipc/events';
import type { ContextProbe } from '../src-shared/types/service-types';
import { standInContext, standInProbe, standInTools } from './fake-fixtures';
import { fakeServices } from './fake-services';
import type { FakeSeed, FakeServices } from './fake-services';

/** A seed for the page's view; `probes` answers probeContext per context name. */
export type FakeApiSeed = FakeSeed & { probes?: Record<string, ContextProbe> };

export interface FakeApi extends StorefleetApi {
  readonly services: FakeServices;
  /** every call the page made, in order, with the argument as the page sent it */
  readonly calls: { method: InvokeMethod; arg: unknown }[];
  /** sends an event the way main does: from the services, through the event wiring */
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  /** the next call of `method` fails with this error, mapped by dispatch as main maps it */
  failNext(method: InvokeMethod, error: Error): void;
  listenerCount(event: EventName): number;
  callsOf(method: InvokeMethod): unknown[];
}

type Listener = (payload: never) => void;

/** A page's view of a reachable local k3d context unless the seed says otherwise. */
export function fakeApi({ probes, ...seed }: FakeApiSeed = {}): FakeApi {
  const contexts = seed.contexts ?? [standInContext({ name: 'k3d-dev', current: true })];
  let nextId = 1;
  const services = fakeServices({
    probe: (context) => probes?.[context] ?? standInProbe({ context }),
    tools: standInTools,
    newStoreId: () => `stand-in-${nextId++}`,
    ...seed,
    contexts,
    selected: seed.selected === undefined ? (contexts[0]?.name ?? null) : seed.selected,
    settings: {
      maxConcurrentProvisions: 2,
      maxStoresPerContext: 50,
      maxCreatesPerMinute: 10,
      ...seed.settings,
    },
  });
  const dispatch = createDispatch(services);
  const calls: FakeApi['calls'] = [];
  const failures = new Map<InvokeMethod, Error>();
  const listeners = new Map<EventName, Set<Listener>>();

  wireEvents(services, (event, payload) => {
    for (const listener of listeners.get(event) ?? []) {
      (listener as (p: typeof payload) => void)(payload);
    }
  });

  const methods = apiMethods(async (method, arg) => {
    calls.push({ method, arg });
    const failure = failures.get(method);
    failures.delete(method);
    if (failure) services.failNext(failure);
    try {
      return unwrapEnvelope(await dispatch(method, arg));
    } finally {
      // A call refused before it reached a service must not leave the failure armed.
      if (failure) services.failNext(undefined);
    }
  });

  const emitters: { [E in EventName]: (payload: EventMap[E]) => void } = {
    storeUpdated: (store) => services.emitStore(store),
    storeEvent: (event) => services.emitEvent(event),
    contextsChanged: (list) => services.emitContexts(list),
    helmInstallProgress: (progress) => services.emitHelmProgress(progress),
    localClusterProgress: (progress) => services.emitLocalClusterProgress(progress),
    storeLog: (batch) => services.emitStoreLog(batch),
    // Sent by the Electron tray, which has no service behind it: straight to the page.
    openCreateStore: () => {
      for (const listener of listeners.get('openCreateStore') ?? []) {
        (listener as (p: null) => void)(null);
      }
    },
  };

  return {
    ...methods,
    services,
    calls,
    emit: (event, payload) => emitters[event](payload),
    failNext: (method, error) => void failures.set(method, error),
    listenerCount: (event) => listeners.get(event)?.size ?? 0,
    callsOf: (method) => calls.filter((c) => c.method === method).map((c) => c.arg),
    on(event, listener) {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  };
}
