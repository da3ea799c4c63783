// Test stand-in: the one in-memory AppServices, for dispatch and transport tests and (through
// the real dispatch, see fake-api.ts) for renderer tests. The real engine, contexts and tools are
// tested in their own folders; nothing in the app imports this file.
import type {
  ContextList,
  StoreKindInfo,
  StoreLogBatch,
  StoreLogLine,
  StoreResources,
} from '../src-shared/ipc/contract';
import type { AppServices } from '../src-main/ipc/services';
import type {
  ContextProbe,
  HelmInstallProgress,
  HelmRevision,
  KubeContextInfo,
  LocalClusterProgress,
  SetupTool,
  Settings,
  StoreCredentials,
  SystemCheck,
  ToolInfo,
} from '../src-shared/types/service-types';
import type { Store, StoreEvent } from '../src-shared/types/store-types';
import { adminAvailableFor } from '../src-shared/types/store-access';
import { IpcError } from '../src-shared/ipc/ipc-error';
import { METRICS_ABSENT_MESSAGE } from '../src-main/store-metrics/messages';

export interface FakeServices extends AppServices {
  /** every service method called, in order, with its arguments */
  calls: { name: string; args: unknown[] }[];
  opened: string[];
  addStore(patch: Partial<Store> & { id: string; name: string }): Store;
  emitStore(store: Store): void;
  emitEvent(event: StoreEvent): void;
  emitContexts(list: ContextList): void;
  emitHelmProgress(progress: HelmInstallProgress): void;
  emitLocalClusterProgress(progress: LocalClusterProgress): void;
  /** lines for a Logs subscription, as main sends them while a log grows */
  emitStoreLog(batch: StoreLogBatch): void;
  /** Logs subscriptions still open */
  logSubscriptions(): string[];
  listenerCount(): number;
  /** the next service call rejects (or throws) with this error */
  failNext(error: unknown): void;
  /** stores whose database forward is open (connectStoreDatabase) */
  databaseForwards(): string[];
}

/** What a test starts from; every field has a default. */
export interface FakeSeed {
  contexts?: KubeContextInfo[];
  selected?: string | null;
  stores?: Store[];
  /** returned by stores.get for their store */
  events?: StoreEvent[];
  tools?: ToolInfo[];
  probe?: (context: string) => ContextProbe;
  history?: Record<string, HelmRevision[]>;
  credentials?: StoreCredentials;
  /** Connect to database: the port it answers, the password it reveals, or the error it rejects with */
  database?: { port?: number; password?: string; error?: Error };
  /** what storeKinds answers; both kinds available unless set */
  kinds?: StoreKindInfo[];
  settings?: Partial<Settings>;
  /** stores.create emits storeUpdated before it returns, as main may */
  emitBeforeCreateReturns?: boolean;
  /** the id stores.create gives a new store; `s-<name>` unless set */
  newStoreId?: (name: string) => string;
  /** what firstRun.systemCheck answers; every program present and Docker running unless set */
  systemCheck?: SystemCheck;
  /**
   * How firstRun.installHelm goes: the progress it sends, then the Helm it answers with (also
   * toolStatus's Helm from then on), or the error it rejects with. `hold` keeps it running until
   * cancelHelmInstall, which then rejects it as the real one does.
   */
  helmInstall?: {
    progress?: HelmInstallProgress[];
    result?: ToolInfo;
    error?: Error;
    hold?: boolean;
  };
  /**
   * How firstRun.createLocalCluster goes: the progress it sends, then (unless `error`) the
   * context k3d-<name> appears, is selected and contextsChanged is sent. `hold` keeps it running
   * until cancelLocalCluster, which then rejects it as the real one does.
   */
  localCluster?: {
    progress?: LocalClusterProgress[];
    error?: Error;
    hold?: boolean;
  };
  /** the lines a new Logs subscription of the store receives first (its tails and events) */
  logs?: Record<string, StoreLogLine[]>;
  /** what storeResources answers; by default the cluster has no metrics-server */
  resources?: (context: string, storeId?: string) => StoreResources;
}

/** A system check as main would report it; `tools` entries replace the defaults by name. */
export function standInSystemCheck(
  patch: Partial<Omit<SystemCheck, 'tools'>> & {
    tools?: (Partial<SetupTool> & { name: SetupTool['name'] })[];
  } = {},
): SystemCheck {
  const base: SetupTool[] = [
    {
      name: 'docker',
      label: 'Docker',
      path: '/usr/bin/docker',
      version: '28.2.2',
      ok: true,
      daemonRunning: true,
      problem: null,
      purpose: 'k3d runs the local cluster inside Docker.',
      required: false,
      install: 'Install Docker Engine, then start it.',
      command: 'sudo systemctl enable --now docker',
    },
    {
      name: 'k3d',
      label: 'k3d',
      path: '/usr/local/bin/k3d',
      version: 'v5.8.3',
      ok: true,
      problem: null,
      purpose: 'k3d creates the local cluster.',
      required: false,
      install: 'Install k3d with its install script.',
      command: 'curl -s https://raw.githubusercontent.com/k3d-io/k3d/main/install.sh | bash',
    },
    {
      name: 'helm',
      label: 'Helm',
      path: '/usr/local/bin/helm',
      version: 'v3.16.0',
      ok: true,
      problem: null,
      purpose: 'Storefleet installs every store with Helm.',
      required: true,
      install: 'Let Storefleet download Helm.',
      command: null,
    },
    {
      name: 'kubectl',
      label: 'kubectl',
      path: '/usr/bin/kubectl',
      version: 'v1.31.2',
      ok: true,
      problem: null,
      purpose: 'Storefleet does not need it.',
      required: false,
      install: 'Install kubectl if you want it.',
      command: null,
    },
  ];
  const { tools: toolPatches = [], ...rest } = patch;
  return {
    os: 'linux',
    helmDownload: { version: '3.22.0' },
    createClusterCommand: 'k3d cluster create storefleet -p "80:80@loadbalancer"',
    checkedAt: new Date(0).toISOString(),
    ...rest,
    tools: base.map((tool) => ({ ...tool, ...toolPatches.find((p) => p.name === tool.name) })),
  };
}

export function fakeServices(seed: FakeSeed = {}): FakeServices {
  const stores = new Map<string, Store>();
  const calls: FakeServices['calls'] = [];
  const opened: string[] = [];
  const storeListeners = new Set<(s: Store) => void>();
  const eventListeners = new Set<(e: StoreEvent) => void>();
  const contextListeners = new Set<(l: ContextList) => void>();
  const helmListeners = new Set<(p: HelmInstallProgress) => void>();
  const clusterListeners = new Set<(p: LocalClusterProgress) => void>();
  const logListeners = new Set<(b: StoreLogBatch) => void>();
  const logSubscriptions = new Map<string, string>();
  let nextSubscription = 1;
  let cancelHeld: (() => void) | null = null;
  let cancelClusterHeld: (() => void) | null = null;
  let settings: Settings = {
    maxConcurrentProvisions: 3,
    maxStoresPerContext: 20,
    maxCreatesPerMinute: 5,
    selectedContext: seed.selected ?? null,
    helmPath: null,
    ...seed.settings,
  };
  let pending: unknown = undefined;
  const contextList: ContextList = {
    contexts: seed.contexts ?? [],
    errors: [],
    selected: seed.selected ?? null,
  };

  const record = (name: string, ...args: unknown[]): void => {
    calls.push({ name, args });
    if (pending !== undefined) {
      const error = pending;
      pending = undefined;
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- non-Errors test the mapping
      throw error;
    }
  };
  const databaseForwards = new Set<string>();
  const mustGet = (id: string): Store => {
    const store = stores.get(id);
    if (!store) throw Object.assign(new Error(`No store with id ${id}.`), { code: 'not-found' });
    return store;
  };
  const subscribe =
    <T>(set: Set<(v: T) => void>) =>
    (listener: (v: T) => void): (() => void) => {
      set.add(listener);
      return () => set.delete(listener);
    };

  const kinds: StoreKindInfo[] = seed.kinds ?? [
    { kind: 'woocommerce', displayName: 'WooCommerce', available: true },
    { kind: 'medusa', displayName: 'Medusa', available: true },
  ];
  let tools: ToolInfo[] = seed.tools ?? [
    { name: 'helm', path: '/usr/local/bin/helm', version: 'v3.16.0', ok: true, problem: null },
  ];
  const events = seed.events ?? [];

  for (const store of seed.stores ?? []) stores.set(store.id, store);

  return {
    calls,
    opened,
    stores: {
      list: (context) => {
        record('stores.list', context);
        return [...stores.values()].filter((s) => s.context === context);
      },
      get: (id) => {
        record('stores.get', id);
        return { store: mustGet(id), events: events.filter((e) => e.storeId === id) };
      },
      create: (input) => {
        record('stores.create', input);
        const at = new Date().toISOString();
        const id = seed.newStoreId?.(input.name) ?? `s-${input.name}`;
        const store = addStore({
          id,
          ...input,
          status: 'Queued',
          helmRevision: null,
          createdAt: at,
          updatedAt: at,
          statusSince: at,
        });
        if (seed.emitBeforeCreateReturns) storeListeners.forEach((l) => l(store));
        return store;
      },
      cancel: async (id) => Promise.resolve(record('stores.cancel', id)),
      retry: async (id) => Promise.resolve(record('stores.retry', id)),
      forget: async (id) => {
        record('stores.forget', id);
        stores.delete(id);
        return Promise.resolve();
      },
      delete: async (id) => Promise.resolve(record('stores.delete', id)),
      upgrade: async (input) => Promise.resolve(record('stores.upgrade', input)),
      rollback: async (id, revision) => Promise.resolve(record('stores.rollback', id, revision)),
      stop: async (id) => Promise.resolve(record('stores.stop', id)),
      start: async (id) => Promise.resolve(record('stores.start', id)),
      history: async (id) => {
        record('stores.history', id);
        return Promise.resolve(seed.history?.[id] ?? []);
      },
      revealCredentials: async (id) => {
        record('stores.revealCredentials', id);
        const store = mustGet(id);
        // A Medusa store's login is its admin's email, with the publishable key beside it.
        const standIn: StoreCredentials =
          store.kind === 'medusa'
            ? {
                username: `admin@${store.name}.localhost`,
                password: 'stand-in',
                adminUrl: store.adminUrl,
                publishableKey: 'pk_standin0123456789abcdef',
              }
            : { username: 'admin', password: 'stand-in', adminUrl: store.adminUrl };
        return Promise.resolve(seed.credentials ?? standIn);
      },
      onStoreUpdated: subscribe(storeListeners),
      onStoreEvent: subscribe(eventListeners),
    },
    storeDb: {
      connect: async (id) => {
        record('storeDb.connect', id);
        const store = mustGet(id);
        if (store.status !== 'Ready') {
          throw new IpcError(
            'not-ready',
            `The database of ${store.name} is available once the store is Ready (it is ${store.status}).`,
          );
        }
        if (seed.database?.error) throw seed.database.error;
        databaseForwards.add(id);
        const medusa = store.kind === 'medusa';
        return Promise.resolve({
          storeId: id,
          engine: medusa ? 'postgres' : 'mariadb',
          host: '127.0.0.1',
          port: seed.database?.port ?? 43306,
          database: medusa ? 'medusa' : 'wordpress',
          user: medusa ? 'medusa' : 'wordpress',
        } as const);
      },
      disconnect: async (id) => {
        record('storeDb.disconnect', id);
        databaseForwards.delete(id);
        return Promise.resolve();
      },
      revealPassword: async (id) => {
        record('storeDb.revealPassword', id);
        mustGet(id);
        return Promise.resolve({ password: seed.database?.password ?? 'stand-in-db-password' });
      },
    },
    storeLogs: {
      sources: async (id) => {
        record('storeLogs.sources', id);
        const store = mustGet(id);
        const components =
          store.kind === 'medusa'
            ? ['Medusa', 'PostgreSQL', 'Setup Job']
            : ['WordPress', 'MariaDB', 'Bootstrap Job', 'WP-Cron'];
        return Promise.resolve({ components, containers: [] });
      },
      subscribe: async (id, tailLines) => {
        record('storeLogs.subscribe', id, tailLines);
        mustGet(id);
        const subscriptionId = `logs-fake-${nextSubscription++}`;
        logSubscriptions.set(subscriptionId, id);
        const lines = seed.logs?.[id] ?? [];
        // Like main, the first lines arrive after the subscribe has answered.
        setTimeout(() => {
          if (lines.length > 0 && logSubscriptions.has(subscriptionId)) {
            logListeners.forEach((l) => l({ subscriptionId, lines }));
          }
        }, 0);
        return Promise.resolve({ subscriptionId });
      },
      renew: (subscriptionId) => {
        record('storeLogs.renew', subscriptionId);
        return { active: logSubscriptions.has(subscriptionId) };
      },
      unsubscribe: (subscriptionId) => {
        record('storeLogs.unsubscribe', subscriptionId);
        logSubscriptions.delete(subscriptionId);
      },
      bundle: async (id) => {
        record('storeLogs.bundle', id);
        const store = mustGet(id);
        const content = JSON.stringify({
          format: 'storefleet-support-bundle/1',
          store,
          timeline: events.filter((e) => e.storeId === id),
          helmHistory: seed.history?.[id] ?? [],
          logs: seed.logs?.[id] ?? [],
        });
        return Promise.resolve({ fileName: `storefleet-${store.name}-stand-in.json`, content });
      },
      onLines: subscribe(logListeners),
      shutdown: () => logSubscriptions.clear(),
    },
    storeMail: {
      url: async (store) => {
        record('storeMail.url', store.id);
        if (store.kind !== 'woocommerce')
          throw new IpcError('not-found', 'This store has no mail catcher.');
        const base = new URL(store.url);
        return Promise.resolve(`${base.protocol}//mail.${base.host}/`);
      },
    },
    storeMetrics: {
      read: async (context, storeId) => {
        record('storeMetrics.read', context, storeId);
        return Promise.resolve(
          seed.resources?.(context, storeId) ?? {
            metrics: 'absent',
            message: METRICS_ABSENT_MESSAGE,
            stores: [],
            at: new Date(0).toISOString(),
          },
        );
      },
    },
    contexts: {
      list: async () => {
        record('contexts.list');
        return Promise.resolve({ ...contextList });
      },
      select: async (context) => {
        record('contexts.select', context);
        contextList.selected = context;
        settings = { ...settings, selectedContext: context };
        return Promise.resolve({ ...contextList });
      },
      probe: async (context) => {
        record('contexts.probe', context);
        if (seed.probe) return Promise.resolve(seed.probe(context));
        return Promise.resolve({
          context,
          reachable: false,
          error: 'stand-in cluster',
          serverVersion: null,
          readyNodes: 0,
          totalNodes: 0,
          defaultStorageClass: null,
          ingressClasses: [],
          traefik: false,
          checkedAt: new Date(0).toISOString(),
        });
      },
      onChange: subscribe(contextListeners),
    },
    tools: async () => {
      record('tools');
      return Promise.resolve(tools);
    },
    storeKinds: () => {
      record('storeKinds');
      return kinds;
    },
    firstRun: {
      systemCheck: async () => {
        record('firstRun.systemCheck');
        return Promise.resolve(seed.systemCheck ?? standInSystemCheck());
      },
      installHelm: async () => {
        record('firstRun.installHelm');
        const plan = seed.helmInstall ?? {};
        for (const progress of plan.progress ?? []) helmListeners.forEach((l) => l(progress));
        if (plan.hold) {
          await new Promise<void>((resolve) => {
            cancelHeld = resolve;
          });
          throw Object.assign(
            new Error('The Helm download was cancelled; nothing was installed.'),
            {
              code: 'conflict',
            },
          );
        }
        if (plan.error) throw plan.error;
        const helm: ToolInfo = plan.result ?? {
          name: 'helm',
          path: '/data/bin/helm',
          version: 'v3.22.0',
          ok: true,
          problem: null,
        };
        tools = [helm, ...tools.filter((t) => t.name !== 'helm')];
        return helm;
      },
      cancelHelmInstall: () => {
        record('firstRun.cancelHelmInstall');
        cancelHeld?.();
        cancelHeld = null;
      },
      onHelmInstallProgress: subscribe(helmListeners),
      createLocalCluster: async ({ name, httpPort }) => {
        record('firstRun.createLocalCluster', { name, httpPort });
        const plan = seed.localCluster ?? {};
        for (const progress of plan.progress ?? []) clusterListeners.forEach((l) => l(progress));
        if (plan.hold) {
          await new Promise<void>((resolve) => {
            cancelClusterHeld = resolve;
          });
          throw new IpcError(
            'conflict',
            'Creating the cluster was cancelled; k3d removes what it had made.',
            { reason: 'cancelled' },
          );
        }
        if (plan.error) throw plan.error;
        const context = `k3d-${name}`;
        contextList.contexts = [
          ...contextList.contexts.filter((c) => c.name !== context),
          {
            name: context,
            cluster: context,
            server: 'https://0.0.0.0:6443',
            kind: 'k3d',
            file: '/home/user/.kube/config',
            current: true,
            local: true,
          },
        ];
        contextList.selected = context;
        settings = { ...settings, selectedContext: context };
        contextListeners.forEach((fn) => fn({ ...contextList }));
        return { context };
      },
      cancelLocalCluster: () => {
        record('firstRun.cancelLocalCluster');
        cancelClusterHeld?.();
        cancelClusterHeld = null;
      },
      startLocalCluster: async (name) => {
        record('firstRun.startLocalCluster', name);
        return Promise.resolve(null);
      },
      stopLocalCluster: async (name) => {
        record('firstRun.stopLocalCluster', name);
        return Promise.resolve(null);
      },
      deleteLocalCluster: async (name) => {
        record('firstRun.deleteLocalCluster', name);
        const context = `k3d-${name}`;
        contextList.contexts = contextList.contexts.filter((c) => c.name !== context);
        if (contextList.selected === context) contextList.selected = null;
        contextListeners.forEach((fn) => fn({ ...contextList }));
        return Promise.resolve(null);
      },
      onLocalClusterProgress: subscribe(clusterListeners),
    },
    settings: {
      get: () => {
        record('settings.get');
        return settings;
      },
      update: (patch) => {
        record('settings.update', patch);
        settings = { ...settings, ...patch };
        return settings;
      },
    },
    openExternal: async (url) => {
      record('openExternal', url);
      opened.push(url);
      return Promise.resolve();
    },
    addStore,
    emitStore: (s) => storeListeners.forEach((l) => l(s)),
    emitEvent: (e) => eventListeners.forEach((l) => l(e)),
    emitContexts: (l) => contextListeners.forEach((fn) => fn(l)),
    emitHelmProgress: (p) => helmListeners.forEach((fn) => fn(p)),
    emitLocalClusterProgress: (p) => clusterListeners.forEach((fn) => fn(p)),
    emitStoreLog: (b) => logListeners.forEach((fn) => fn(b)),
    logSubscriptions: () => [...logSubscriptions.keys()],
    listenerCount: () =>
      storeListeners.size +
      eventListeners.size +
      contextListeners.size +
      helmListeners.size +
      clusterListeners.size +
      logListeners.size,
    databaseForwards: () => [...databaseForwards],
    failNext: (error) => {
      pending = error;
    },
  };

  function addStore(patch: Partial<Store> & { id: string; name: string }): Store {
    const at = new Date(0).toISOString();
    const url = `http://${patch.name}.localhost`;
    const kind = patch.kind ?? 'woocommerce';
    const store: Store = {
      kind,
      context: 'k3d-dev',
      namespace: `store-${patch.name}`,
      status: 'Ready',
      step: null,
      error: null,
      url,
      adminUrl: kind === 'medusa' ? `${url}/app` : `${url}/wp-admin/`,
      createdAt: at,
      updatedAt: at,
      statusSince: at,
      helmRevision: 1,
      adminAvailable: adminAvailableFor(patch.status ?? 'Ready', patch.step ?? null),
      ...patch,
    };
    stores.set(store.id, store);
    return store;
  }
}
