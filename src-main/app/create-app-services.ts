// The composition root shared by the Electron shell and the browser host.
import { join } from 'node:path';
import { ContextRegistry } from '../contexts/context-registry';
import { openDatabase } from '../db/database';
import { SettingsRepository } from '../db/settings-repository';
import { StoreRepository } from '../db/store-repository';
import { createStoreEngine } from '../engine/store-engine';
import { createStoreDbService } from '../store-db/store-db-service';
import { storeKinds as kinds } from '../store-kinds/registry';
import type { StoreKindInfo } from '../../src-shared/ipc/contract';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import type { AppServices } from '../ipc/services';
import type { ToolInfo } from '../../src-shared/types/service-types';
import { checkHelmPath } from '../tools/check-helm-path';
import { findTool } from '../tools/find-tool';
import { createContextService } from './context-service';
import { createFirstRunService } from '../first-run/first-run-service';
import { createLocalClusterService } from '../first-run/local-cluster-service';
import { ClusterPorts } from '../first-run/cluster-ports';
import { helmDownloadUrlSeam } from '../first-run/helm-download-url';
import { CreatePreflight } from './create-preflight';
import { withCreatePreflight } from './preflighted-stores';
import { valuesFiles } from './values-files';
import { createKubeClients, isNotFound } from '../kube/client';
import { createStoreLogsService } from '../store-logs/store-logs-service';
import { createMetricsSource } from '../store-metrics/metrics-source';
import { createStoreMetricsService } from '../store-metrics/store-metrics-service';
import { createStoreMailService } from '../store-mail/mail-url';

export interface AppServicesOptions {
  dataDir: string;
  /** better-sqlite3 addon for the running ABI; see scripts/native/electron-sqlite.mjs. */
  sqliteNativeBinding?: string;
  env: NodeJS.ProcessEnv;
  home: string;
  openExternal(url: string): Promise<void>;
  /** port in store URLs of contexts whose web port is not known (a storefront stand-in's) */
  storefrontPort?: number;
  /** WooCommerce's; defaults to helm-values/values-local.yaml in the app's own root (Medusa's: ./values-files.ts) */
  valuesFile?: string;
  /** never receives secrets; stderr by default */
  log?: (line: string) => void;
}

export interface AppHandle {
  services: AppServices;
  shutdown(): Promise<void>;
}

const TOOLS: ToolInfo['name'][] = ['helm', 'kubectl', 'k3d'];

export async function createAppServices(opts: AppServicesOptions): Promise<AppHandle> {
  const log = opts.log ?? ((line: string) => process.stderr.write(`storefleet: ${line}\n`));
  // A server's own values (its registry's Medusa image, TLS) come from the environment.
  const valuesFile = valuesFiles({
    ...(opts.valuesFile ? { woocommerce: opts.valuesFile } : {}),
    ...(opts.env.STOREFLEET_MEDUSA_VALUES_FILE
      ? { medusa: opts.env.STOREFLEET_MEDUSA_VALUES_FILE }
      : {}),
  });
  const db = openDatabase(join(opts.dataDir, 'storefleet.db'), {
    nativeBinding: opts.sqliteNativeBinding,
  });
  const settings = new SettingsRepository(db);
  const registry = new ContextRegistry({ env: opts.env, home: opts.home });

  const findHelm = (): Promise<ToolInfo> =>
    findTool('helm', { configuredPath: settings.get().helmPath, env: opts.env });

  const findK3d = (): Promise<ToolInfo> => findTool('k3d', { env: opts.env });
  // The host port of a context's web entry (a k3d cluster made on 8081): what k3d says, else the
  // port the app made the cluster with; see first-run/cluster-ports.ts.
  const clusterPorts = new ClusterPorts({
    file: join(opts.dataDir, 'cluster-ports.json'),
    k3dPath: async () => {
      const k3d = await findK3d();
      return k3d.ok && k3d.path ? k3d.path : null;
    },
    env: opts.env,
    fallback: opts.storefrontPort,
    log,
  });
  const learnPort = (context: string): Promise<unknown> =>
    clusterPorts.learn(context).catch((error: unknown) => {
      log(
        `the web port of ${context} is not known: ${error instanceof Error ? error.message : 'unknown error'}`,
      );
    });

  const engine = createStoreEngine({
    repo: new StoreRepository(db),
    settings,
    resolveContext: (context) => registry.resolve(context),
    async helmPath() {
      const helm = await findHelm();
      if (!helm.ok || !helm.path)
        throw new IpcError('unavailable', helm.problem ?? 'Helm is not available.');
      return helm.path;
    },
    kinds,
    valuesFile,
    storeDomain: 'localhost',
    storefrontPort: (context) => clusterPorts.portFor(context),
    log: (line) => log(`engine: ${line}`),
  });

  // Connect to database: a port-forward per store, closed when its store leaves Ready.
  const storeDb = createStoreDbService({
    store: (storeId) => engine.get(storeId).store,
    async target(store) {
      const driver = kinds.driver(store.kind);
      if (!driver) throw new Error(`no driver for ${store.kind} stores is installed`);
      const { kc, core } = createKubeClients(await registry.resolve(store.context));
      return {
        kc,
        core,
        access: driver.databaseAccess?.(store) ?? null,
        secretName: driver.workloads(store).credentialsSecret,
      };
    },
    log: (line) => log(`database: ${line}`),
  });
  engine.onStoreUpdated((store) => storeDb.storeUpdated(store));

  // The Logs tab reads the cluster directly (streams and watches), with the engine's view of
  // the store, its history and its timeline.
  const storeLogs = createStoreLogsService({
    store: (storeId) => engine.get(storeId),
    history: (storeId) => engine.history(storeId),
    async connect(store) {
      const driver = kinds.driver(store.kind);
      if (!driver) throw new Error(`no driver for ${store.kind} stores is installed`);
      const { kc, core } = createKubeClients(await registry.resolve(store.context));
      return {
        kc,
        core,
        release: driver.releaseName(store),
        secretName: driver.workloads(store).credentialsSecret,
      };
    },
  });

  // Resource use: metrics-server's figures and the stores' quotas, read when the page asks.
  const storeMetrics = createStoreMetricsService({
    stores: (context) => engine.list(context),
    store: (storeId) => engine.get(storeId).store,
    releaseName: (store) => kinds.driver(store.kind)?.releaseName(store) ?? store.name,
    connect: async (context) =>
      createMetricsSource(createKubeClients(await registry.resolve(context)).kc),
  });

  // Open mail: the store's Mailpit Ingress (charts/woocommerce, mail.enabled) says where it is.
  const storeMail = createStoreMailService({
    async mailIngressHosts(store) {
      const release = kinds.driver(store.kind)?.releaseName(store) ?? store.name;
      const { networking } = createKubeClients(await registry.resolve(store.context));
      try {
        const ingress = await networking.readNamespacedIngress({
          name: `${release}-mailpit`,
          namespace: store.namespace,
        });
        return (ingress.spec?.rules ?? []).flatMap((rule) => (rule.host ? [rule.host] : []));
      } catch (error) {
        if (isNotFound(error)) return null;
        throw error;
      }
    },
  });

  const rediscover = (context: string): void => {
    engine.rediscover(context).catch((error: unknown) => {
      log(
        `looking for stores in ${context} failed: ${error instanceof Error ? error.message : 'unknown error'}`,
      );
    });
  };
  // The selected context's namespaces are watched: a store deleted outside the app turns
  // Missing within seconds, and comes back when its namespace does.
  const select = (context: string): void => {
    void learnPort(context).then(() => rediscover(context));
    engine.watchContext(context);
  };
  // Probes the window makes (context health) also tell a create that the cluster answered.
  const preflight = new CreatePreflight({
    findHelm,
    probe: (context, probeOpts) => registry.probe(context, probeOpts),
  });
  const contexts = createContextService({
    registry: {
      list: () => registry.list(),
      probe: (context, probeOpts) => preflight.probe(context, probeOpts),
      onChange: (listener) => registry.onChange(listener),
      files: () => registry.files(),
    },
    settings,
    onSelected: select,
    log,
  });

  // Rediscovery probes clusters that may be slow or gone; the window must not wait for it.
  // The chosen context's web port is asked for first, so stores found there get it.
  const chosen = settings.get().selectedContext;
  const started = (chosen ? learnPort(chosen) : Promise.resolve())
    .then(() => engine.resume())
    .catch((error: unknown) => {
      log(`resuming work failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    });
  // The context the window opens on: the chosen one, else kubectl's current one.
  contexts.list().then(
    (list) => {
      if (list.selected) {
        void learnPort(list.selected);
        engine.watchContext(list.selected);
      }
    },
    (error: unknown) => {
      log(`reading kubeconfig failed: ${error instanceof Error ? error.message : 'unknown error'}`);
    },
  );

  // Helm fetched for a new user goes to the data folder and becomes the configured Helm (it was
  // run once before). STOREFLEET_HELM_DOWNLOAD_URL is a test seam: a server on this computer
  // instead of get.helm.sh (see first-run/helm-download-url.ts).
  const firstRun = {
    ...createFirstRunService({
      dataDir: opts.dataDir,
      env: opts.env,
      helmBaseUrl: helmDownloadUrlSeam(opts.env, log),
      findHelm,
      saveHelmPath: (path) => {
        settings.update({ helmPath: path });
        return Promise.resolve();
      },
      log,
    }),
    // A local k3d cluster made from the app: probed through the same path as the window's
    // context health, then selected as if the user picked it.
    ...createLocalClusterService({
      env: opts.env,
      findK3d,
      probe: (context) => contexts.probe(context),
      selectContext: async (context) => {
        await contexts.select(context);
      },
      recordPort: (context, httpPort) => clusterPorts.record(context, httpPort),
      log,
    }),
  };

  const storeKinds = (): StoreKindInfo[] =>
    kinds.entries().map(({ kind, displayName, available }) => ({ kind, displayName, available }));

  const services: AppServices = {
    stores: withCreatePreflight(engine, {
      kinds: kinds.installed(),
      preflight: async (context) => {
        await preflight.check(context);
        await clusterPorts.ensure(context).catch(() => undefined);
      },
    }),
    storeDb,
    storeLogs,
    storeMetrics,
    storeMail,
    contexts,
    tools: () =>
      Promise.all(
        TOOLS.map((name) => (name === 'helm' ? findHelm() : findTool(name, { env: opts.env }))),
      ),
    storeKinds,
    firstRun,
    settings: {
      get: () => settings.get(),
      async update(patch) {
        // A Helm path is run once to see that it is Helm; anything else is refused unsaved.
        if (typeof patch.helmPath === 'string') {
          const check = await checkHelmPath(patch.helmPath.trim(), { env: opts.env });
          if (!check.ok) throw new IpcError('invalid-argument', check.problem);
        }
        return settings.update(patch);
      },
    },
    openExternal: (url) => opts.openExternal(url),
  };

  let closing: Promise<void> | null = null;
  const shutdown = (): Promise<void> => {
    closing ??= (async () => {
      storeLogs.shutdown();
      await storeDb.shutdown();
      await engine.shutdown();
      await started;
      registry.close();
      db.close();
    })();
    return closing;
  };

  return Promise.resolve({ services, shutdown });
}
