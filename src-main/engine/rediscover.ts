import type { StoreRepository } from '../db/store-repository';
import type { StoreKindRegistry } from '../store-kinds/registry';
import { STORE_ID_LABEL, STORE_KIND_LABEL, STORE_NAME_LABEL } from '../kube/labels';
import type { Store, StoreKind, StoreStatus } from '../../src-shared/types/store-types';
import { adminAvailableFor } from '../../src-shared/types/store-access';
import type { NamespaceInfo, StoreCluster } from './cluster-port';
import type { StoreEvents } from './store-events';
import { releaseSettings } from './release-settings';
import { isStopped } from './store-settings';
import { validateStoreName } from './validate-input';
import { storefrontPortOf, type StorefrontPort } from './engine-deps';

export interface RediscoveryResult {
  imported: Store[];
  missing: Store[];
}

export interface RediscoveryDeps {
  context: string;
  cluster: StoreCluster;
  repo: StoreRepository;
  events: StoreEvents;
  kinds: StoreKindRegistry;
  storeDomain: string;
  storefrontPort: StorefrontPort | undefined;
  /** the values file every release of that kind is installed with */
  valuesFile(kind: StoreKind): string;
  now: () => Date;
  /** stores with work running or pending: their namespace may be coming or going */
  busy: (storeId: string) => boolean;
  log: (line: string) => void;
}

// Statuses whose namespace must exist; Failed is judged by its step (see below).
const EXPECTS_NAMESPACE: readonly StoreStatus[] = ['Ready', 'Stopped', 'Updating'];

/** Imports managed store namespaces the database does not know; marks vanished stores Missing. */
export async function rediscoverContext(d: RediscoveryDeps): Promise<RediscoveryResult> {
  const namespaces = await d.cluster.listManagedNamespaces();
  const live = namespaces.filter((ns) => !ns.terminating);
  const imported: Store[] = [];
  for (const ns of live) {
    const store = await importNamespace(d, ns).catch((error: unknown) => {
      d.log(
        `could not import namespace ${ns.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
      return null;
    });
    if (store) imported.push(store);
  }

  const present = new Set(live.map((ns) => ns.name));
  const missing: Store[] = [];
  for (const store of d.repo.list(d.context)) {
    if (d.busy(store.id) || present.has(store.namespace)) continue;
    const expected =
      EXPECTS_NAMESPACE.includes(store.status) ||
      ((store.status === 'Failed' || store.status === 'Cancelled') &&
        store.step !== null &&
        store.step !== 'validate' &&
        store.step !== 'namespace');
    if (!expected) continue;
    const updated = d.events.update(store.id, {
      status: 'Missing',
      error: `Namespace ${store.namespace} no longer exists in context ${d.context}.`,
    });
    d.events.event(store.id, 'check-leftovers', 'failed', updated.error ?? 'Namespace missing');
    missing.push(updated);
  }
  return { imported, missing };
}

async function importNamespace(d: RediscoveryDeps, ns: NamespaceInfo): Promise<Store | null> {
  const id = ns.labels[STORE_ID_LABEL];
  const name = ns.labels[STORE_NAME_LABEL];
  const kind = ns.labels[STORE_KIND_LABEL] as StoreKind | undefined;
  if (!id || !name || !kind) return null;
  const existing = d.repo.get(id);
  if (existing && existing.status !== 'Deleted' && existing.status !== 'Missing') return null;
  if (existing && d.busy(id)) return null;
  const driver = d.kinds.driver(kind);
  if (!driver) {
    d.log(`namespace ${ns.name} holds a ${kind} store, which this version cannot manage`);
    return null;
  }
  validateStoreName(name);
  const clash = d.repo.findByName(d.context, name);
  if (clash && clash.id !== id) {
    d.log(`namespace ${ns.name} holds store "${name}", a name already used by store ${clash.id}`);
    return null;
  }

  const ref = { id, name, namespace: ns.name };
  const releaseName = driver.releaseName(ref);
  const release = await d.cluster.helm.status(releaseName, ns.name);
  const ready = release?.status === 'deployed';
  const reason = ready
    ? null
    : release
      ? `Found in the cluster; its Helm release is ${release.status}.`
      : 'Found in the cluster without a Helm release.';
  // The release's own settings come along, so the next upgrade builds on what is running, and
  // a store that was stopped is imported as Stopped rather than Ready.
  const settings = ready
    ? await releaseSettings({
        cluster: d.cluster,
        driver,
        release: releaseName,
        namespace: ns.name,
        valuesFile: d.valuesFile(kind),
      })
    : {};
  const settled: StoreStatus = isStopped(settings) ? 'Stopped' : 'Ready';
  const url = driver.storeUrl(
    driver.host(ref, d.storeDomain),
    'http',
    storefrontPortOf(d.storefrontPort, d.context),
  );
  const at = d.now().toISOString();
  const fields = {
    status: ready ? settled : ('Failed' as StoreStatus),
    step: ready ? null : ('helm' as const),
    error: reason,
    helmRevision: release?.revision ?? null,
  };
  let store: Store;
  if (existing) {
    store = d.repo.transaction(() => {
      d.repo.setSettings(id, settings);
      return d.events.update(id, fields);
    });
  } else {
    store = {
      ...ref,
      kind,
      context: d.context,
      url,
      adminUrl: driver.adminUrl(url),
      createdAt: at,
      updatedAt: at,
      statusSince: at,
      ...fields,
      adminAvailable: adminAvailableFor(fields.status, fields.step),
    };
    d.repo.transaction(() => {
      d.repo.insert(store);
      d.repo.setSettings(id, settings);
    });
    d.events.published(store);
  }
  d.events.event(
    id,
    ready ? 'ready' : 'helm',
    ready ? 'succeeded' : 'failed',
    reason ??
      `Found in the cluster and imported (${ns.name})${settled === 'Stopped' ? ', stopped' : ''}`,
  );
  return store;
}
