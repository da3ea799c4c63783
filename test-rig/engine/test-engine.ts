// Builds a StoreEngine on a data directory and one kubeconfig context, the way the app does,
// for integration tests, the crash-resume runner and the provisioning benchmark.
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../src-main/db/database';
import { SettingsRepository } from '../../src-main/db/settings-repository';
import { StoreRepository } from '../../src-main/db/store-repository';
import type { StoreKindDriver, StoreRef } from '../../src-main/store-kinds/driver';
import { createWoocommerceDriver } from '../../src-main/store-kinds/woocommerce/driver';
import { createMedusaDriver } from '../../src-main/store-kinds/medusa/driver';
import { createStoreKindRegistry } from '../../src-main/store-kinds/registry';
import type { Settings } from '../../src-shared/types/service-types';
import type { ConnectLimits } from '../../src-main/engine/cluster-adapter';
import type { StoreCluster } from '../../src-main/engine/cluster-port';
import type { EngineTimeouts, KubeTarget } from '../../src-main/engine/op-context';
import { createStoreEngine, type StoreEngine } from '../../src-main/engine/store-engine';
import type { EngineDeps } from '../../src-main/engine/engine-deps';
import { connectCluster as connectRealCluster } from '../../src-main/engine/cluster-adapter';
import { STORE_ID_LABEL } from '../../src-main/kube/labels';

export const REPO_ROOT = join(import.meta.dirname, '..', '..');
export const LOCAL_VALUES_FILE = join(REPO_ROOT, 'helm-values', 'values-local.yaml');
export const MEDUSA_LOCAL_VALUES_FILE = join(
  REPO_ROOT,
  'helm-values',
  'medusa',
  'values-local.yaml',
);

export interface TestEngineOptions {
  dataDir: string;
  kubeconfig: string;
  context: string;
  helmPath: string;
  /** where stores' storefronts answer (one port, or per context); the Store API stand-in's in tests */
  storefrontPort?: EngineDeps['storefrontPort'];
  timeouts?: Partial<EngineTimeouts>;
  settings?: Partial<Settings>;
  overrideValues?: (store: StoreRef) => Record<string, unknown> | undefined;
  log?: (line: string) => void;
  /** replaces the chart location, e.g. to make the helm step fail */
  chartPath?: string;
  /** wraps or replaces the engine's cluster access, e.g. to time Helm in the benchmark */
  connectCluster?: (target: KubeTarget, helmPath: string, limits?: ConnectLimits) => StoreCluster;
  /** replaces parts of the WooCommerce driver, e.g. its storefront check with a stand-in */
  wrapDriver?: (driver: StoreKindDriver) => StoreKindDriver;
  /** replaces parts of the Medusa driver, e.g. where its storefront check goes (a stand-in) */
  wrapMedusaDriver?: (driver: StoreKindDriver) => StoreKindDriver;
  now?: () => Date;
  /** the namespace watch's pacing */
  namespaceWatch?: EngineDeps['namespaceWatch'];
}

export interface TestEngine {
  engine: StoreEngine;
  db: Database.Database;
  repo: StoreRepository;
  settings: SettingsRepository;
  dbFile: string;
  close(): Promise<void>;
}

export function buildTestEngine(o: TestEngineOptions): TestEngine {
  const dbFile = join(o.dataDir, 'storefleet.db');
  const db = openDatabase(dbFile);
  const repo = new StoreRepository(db);
  const settings = new SettingsRepository(db);
  if (o.settings) settings.update(o.settings);
  // Test engines share one test cluster and run in parallel: each sees only the namespaces of
  // stores it has known (rows in its database, or stores it created earlier), as if it were
  // alone on the cluster. Without this, one test's rediscovery imports another test's stores.
  const known = new Set<string>();
  const ownsStore = (id: string | undefined): boolean =>
    id !== undefined && (known.has(id) || repo.list().some((s) => s.id === id));
  const connect = o.connectCluster ?? connectRealCluster;
  const connectOwnStores = (
    target: KubeTarget,
    helmPath: string,
    limits?: ConnectLimits,
  ): StoreCluster => {
    const cluster = connect(target, helmPath, limits);
    return {
      ...cluster,
      listManagedNamespaces: async () =>
        (await cluster.listManagedNamespaces()).filter((ns) =>
          ownsStore(ns.labels[STORE_ID_LABEL]),
        ),
    };
  };
  const real = createWoocommerceDriver(o.chartPath ? { chartPath: o.chartPath } : {});
  const driver = o.wrapDriver ? o.wrapDriver(real) : real;
  const realMedusa = createMedusaDriver();
  const medusa = o.wrapMedusaDriver ? o.wrapMedusaDriver(realMedusa) : realMedusa;
  const engine = createStoreEngine({
    repo,
    settings,
    resolveContext: (context) =>
      context === o.context
        ? Promise.resolve({ kubeconfig: o.kubeconfig, context })
        : Promise.reject(new Error(`context "${context}" is not in ${o.kubeconfig}`)),
    helmPath: () => Promise.resolve(o.helmPath),
    kinds: createStoreKindRegistry([driver, medusa]),
    valuesFile: (kind) => (kind === 'medusa' ? MEDUSA_LOCAL_VALUES_FILE : LOCAL_VALUES_FILE),
    storeDomain: 'localhost',
    storefrontPort: o.storefrontPort,
    timeouts: o.timeouts,
    overrideValues: o.overrideValues,
    log: o.log,
    connectCluster: connectOwnStores,
    now: o.now,
    namespaceWatch: o.namespaceWatch,
  });
  engine.onStoreUpdated((store) => known.add(store.id));
  return {
    engine,
    db,
    repo,
    settings,
    dbFile,
    async close() {
      await engine.shutdown();
      db.close();
    },
  };
}
