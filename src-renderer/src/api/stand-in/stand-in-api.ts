// In-memory stand-in for main, for renderer tests only. It follows the contract's shapes and
// emits the same events, but it provisions nothing and is not the real main process.
import type {
  EventMap,
  EventName,
  InvokeArg,
  InvokeMethod,
  InvokeResult,
  StoreKindInfo,
  StorefleetApi,
} from '../../../../src-shared/ipc/contract';
import { parseArg } from '../../../../src-shared/ipc/parse-arg';
import type { Store, StoreEvent } from '../../../../src-shared/types/store-types';
import type {
  ContextProbe,
  HelmRevision,
  KubeContextInfo,
  Settings,
  StoreCredentials,
  ToolInfo,
} from '../../../../src-shared/types/service-types';
import { standInContext, standInProbe, standInTools } from './stand-in-fixtures';

export class StandInError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface StandInSeed {
  contexts?: KubeContextInfo[];
  selected?: string | null;
  stores?: Store[];
  events?: StoreEvent[];
  tools?: ToolInfo[];
  probes?: Record<string, ContextProbe>;
  history?: Record<string, HelmRevision[]>;
  credentials?: StoreCredentials;
  /** Starting settings; updateSettings changes them for later getSettings calls. */
  settings?: Partial<Omit<Settings, 'selectedContext'>>;
  /** createStore emits storeUpdated before it returns, as main may. */
  emitBeforeCreateReturns?: boolean;
}

type Listener = (payload: never) => void;

export interface StandInApi extends StorefleetApi {
  readonly calls: { method: InvokeMethod; arg: unknown }[];
  emit<E extends EventName>(event: E, payload: EventMap[E]): void;
  /** The next call of `method` rejects with this error. */
  failNext: (method: InvokeMethod, error: Error) => void;
  listenerCount: (event: EventName) => number;
  callsOf: (method: InvokeMethod) => unknown[];
}

const KINDS: StoreKindInfo[] = [
  { kind: 'woocommerce', displayName: 'WooCommerce', available: true },
  { kind: 'medusa', displayName: 'Medusa', available: false },
];

export function createStandInApi(seed: StandInSeed = {}): StandInApi {
  const contexts = seed.contexts ?? [standInContext({ name: 'k3d-dev', current: true })];
  let selected = seed.selected === undefined ? (contexts[0]?.name ?? null) : seed.selected;
  const stores = new Map((seed.stores ?? []).map((s) => [s.id, s]));
  const events = [...(seed.events ?? [])];
  const listeners = new Map<EventName, Set<Listener>>();
  const failures = new Map<InvokeMethod, Error>();
  const calls: { method: InvokeMethod; arg: unknown }[] = [];
  let nextId = 1;
  let settings: Omit<Settings, 'selectedContext'> = {
    maxConcurrentProvisions: 2,
    maxStoresPerContext: 50,
    maxCreatesPerMinute: 10,
    helmPath: null,
    ...seed.settings,
  };

  const contextList = () => ({ contexts, errors: [], selected });
  const emit = <E extends EventName>(event: E, payload: EventMap[E]): void => {
    for (const l of listeners.get(event) ?? []) (l as (p: EventMap[E]) => void)(payload);
  };
  const mustGet = (storeId: string): Store => {
    const store = stores.get(storeId);
    if (!store) throw new StandInError('not-found', `No store with id ${storeId}.`);
    return store;
  };

  const handlers: { [M in InvokeMethod]: (arg: InvokeArg<M>) => InvokeResult<M> } = {
    listContexts: () => contextList(),
    selectContext: ({ context }) => {
      selected = context;
      return contextList();
    },
    probeContext: ({ context }) => seed.probes?.[context] ?? standInProbe({ context }),
    listStores: ({ context }) => [...stores.values()].filter((s) => s.context === context),
    getStore: ({ storeId }) => ({
      store: mustGet(storeId),
      events: events.filter((e) => e.storeId === storeId),
    }),
    createStore: ({ context, name, kind }) => {
      const now = new Date().toISOString();
      const store: Store = {
        id: `stand-in-${nextId++}`,
        name,
        kind: kind,
        context,
        namespace: `store-${name}`,
        status: 'Queued',
        step: null,
        error: null,
        url: `http://${name}.localhost`,
        adminUrl: `http://${name}.localhost/wp-admin/`,
        createdAt: now,
        updatedAt: now,
        statusSince: now,
        helmRevision: null,
      };
      stores.set(store.id, store);
      if (seed.emitBeforeCreateReturns) emit('storeUpdated', store);
      return store;
    },
    cancelStore: () => null,
    deleteStore: () => null,
    upgradeStore: () => null,
    rollbackStore: () => null,
    stopStore: () => null,
    startStore: () => null,
    storeHistory: ({ storeId }) => seed.history?.[storeId] ?? [],
    revealCredentials: ({ storeId }) => {
      const store = mustGet(storeId);
      return (
        seed.credentials ?? {
          username: 'admin',
          password: 'stand-in-password',
          adminUrl: store.adminUrl,
        }
      );
    },
    openStore: () => null,
    toolStatus: () => seed.tools ?? standInTools,
    storeKinds: () => KINDS,
    getSettings: () => ({ ...settings, selectedContext: selected }),
    // Main's own argument check, so a value main would refuse is refused here with the same error.
    updateSettings: (arg) => {
      settings = { ...settings, ...parseArg('updateSettings', arg) };
      return handlers.getSettings({});
    },
  };

  const invoke =
    <M extends InvokeMethod>(method: M) =>
    (arg: InvokeArg<M>): Promise<InvokeResult<M>> => {
      calls.push({ method, arg });
      const failure = failures.get(method);
      if (failure) {
        failures.delete(method);
        return Promise.reject(failure);
      }
      try {
        return Promise.resolve(handlers[method](arg));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    };

  const api = {
    calls,
    emit,
    failNext: (method: InvokeMethod, error: Error) => void failures.set(method, error),
    listenerCount: (event: EventName) => listeners.get(event)?.size ?? 0,
    callsOf: (method: InvokeMethod) => calls.filter((c) => c.method === method).map((c) => c.arg),
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set<Listener>();
      listeners.set(event, set);
      set.add(listener);
      return () => void set.delete(listener);
    },
  } as Omit<StandInApi, InvokeMethod>;

  const methods = Object.fromEntries(
    (Object.keys(handlers) as InvokeMethod[]).map((m) => [m, invoke(m)]),
  ) as Pick<StorefleetApi, InvokeMethod>;

  return Object.assign(api, methods);
}
