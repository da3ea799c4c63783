// "Connect to database": one port-forward per store from a loopback port to its database pod,
// through the API server (the same tunnel the storefront check uses), and the database
// password on an explicit reveal. The password is read from the store's Secret each time and
// never logged, kept or put in an error.
import type { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type { StoreDbConnection } from '../../src-shared/ipc/contract';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import type { Store } from '../../src-shared/types/store-types';
import { errorText, statusCode } from '../kube/client';
import type { DatabaseAccess } from '../store-kinds/driver';
import { openTunnel, type Tunnel } from '../store-kinds/http/port-forward-tunnel';
import { findDatabasePod } from './database-pod';
import { probeForward } from './probe-forward';

/** A store's cluster and the facts its driver gives about its database. */
export interface StoreDbTarget {
  kc: KubeConfig;
  core: Pick<CoreV1Api, 'readNamespacedService' | 'listNamespacedPod' | 'readNamespacedSecret'>;
  /** null when the store's kind has no database to connect to */
  access: DatabaseAccess | null;
  secretName: string;
}

export interface StoreDbDeps {
  store(storeId: string): Store;
  target(store: Store): Promise<StoreDbTarget>;
  /** the port-forward; the API server's pods/portforward by default */
  openTunnel?: (
    kc: KubeConfig,
    o: { namespace: string; pod: string; port: number },
  ) => Promise<Tunnel>;
  /** a forward not asked for again (connect) for this long closes: its page is gone */
  leaseMs?: number;
  /** how long the first connection through a new forward may wait for the database to answer */
  probeTimeoutMs?: number;
  /** never receives the password */
  log?: (line: string) => void;
}

export interface StoreDbService {
  /** opens the store's forward, or renews and returns the one already open */
  connect(storeId: string): Promise<StoreDbConnection>;
  disconnect(storeId: string): Promise<void>;
  revealPassword(storeId: string): Promise<{ password: string }>;
  /** the forwards open now */
  open(): StoreDbConnection[];
  /** the store changed: a store no longer Ready loses its forward */
  storeUpdated(store: Store): void;
  /** closes every forward (the app is closing) */
  shutdown(): Promise<void>;
}

interface Forward {
  connection: StoreDbConnection;
  tunnel: Tunnel;
  lease: NodeJS.Timeout;
}

// Three renewals may be missed: a browser runs a long-hidden tab's timers once a minute at most.
const DEFAULT_LEASE_MS = 180_000;
const DEFAULT_PROBE_MS = 15_000;

function mustBeReady(store: Store, what: string): void {
  if (store.status !== 'Ready') {
    throw new IpcError(
      'not-ready',
      `The ${what} of ${store.name} is available once the store is Ready (it is ${store.status}).`,
    );
  }
}

export function createStoreDbService(deps: StoreDbDeps): StoreDbService {
  const forwards = new Map<string, Forward>();
  const opening = new Map<string, Promise<StoreDbConnection>>();
  const tunnelFor = deps.openTunnel ?? openTunnel;
  const leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
  const probeMs = deps.probeTimeoutMs ?? DEFAULT_PROBE_MS;
  const log = deps.log ?? (() => {});
  let closed = false;

  const close = async (storeId: string, why: string): Promise<void> => {
    const forward = forwards.get(storeId);
    if (!forward) return;
    forwards.delete(storeId);
    clearTimeout(forward.lease);
    await forward.tunnel.close();
    log(`database forward of store ${storeId} on port ${forward.connection.port} closed (${why})`);
  };

  const lease = (storeId: string): NodeJS.Timeout => {
    const timer = setTimeout(() => void close(storeId, 'not renewed'), leaseMs);
    timer.unref();
    return timer;
  };

  const accessOf = async (store: Store): Promise<StoreDbTarget & { access: DatabaseAccess }> => {
    let target: StoreDbTarget;
    try {
      target = await deps.target(store);
    } catch (error) {
      throw new IpcError(
        'unavailable',
        `Could not reach the cluster of ${store.name}: ${errorText(error)}.`,
      );
    }
    if (!target.access) {
      throw new IpcError('unavailable', `A ${store.kind} store has no database to connect to.`);
    }
    return { ...target, access: target.access };
  };

  const openForward = async (store: Store): Promise<StoreDbConnection> => {
    const { kc, core, access } = await accessOf(store);
    const pod = await findDatabasePod(core, {
      storeName: store.name,
      namespace: store.namespace,
      access,
    });
    const tunnel = await tunnelFor(kc, {
      namespace: store.namespace,
      pod: pod.pod,
      port: pod.port,
    });
    const probe = await probeForward(tunnel.port, access.engine, probeMs);
    if (!probe.ok) {
      const failure = tunnel.failure();
      await tunnel.close();
      if (failure)
        throw new IpcError(failure.status === 403 ? 'forbidden' : 'unavailable', failure.message);
      throw new IpcError(
        'unavailable',
        probe.reason === 'timeout'
          ? `The database of ${store.name} did not answer through the port-forward within ${Math.round(probeMs / 1000)} s.`
          : `The database of ${store.name} closed the port-forward without answering.`,
      );
    }
    const connection: StoreDbConnection = {
      storeId: store.id,
      engine: access.engine,
      host: '127.0.0.1',
      port: tunnel.port,
      database: pod.database,
      user: pod.user,
    };
    if (closed) {
      await tunnel.close();
      throw new IpcError('unavailable', 'Storefleet is closing.');
    }
    forwards.set(store.id, { connection, tunnel, lease: lease(store.id) });
    log(
      `database forward of store ${store.id}: 127.0.0.1:${tunnel.port} → pod ${store.namespace}/${pod.pod} port ${pod.port}`,
    );
    return connection;
  };

  return {
    async connect(storeId) {
      if (closed) throw new IpcError('unavailable', 'Storefleet is closing.');
      const store = deps.store(storeId);
      mustBeReady(store, 'database');
      const forward = forwards.get(storeId);
      if (forward) {
        clearTimeout(forward.lease);
        forward.lease = lease(storeId);
        return forward.connection;
      }
      // Two clicks (or two pages) share one forward.
      let pending = opening.get(storeId);
      if (!pending) {
        pending = openForward(store).finally(() => opening.delete(storeId));
        opening.set(storeId, pending);
      }
      return pending;
    },

    async disconnect(storeId) {
      await opening.get(storeId)?.catch(() => undefined);
      await close(storeId, 'disconnected');
    },

    async revealPassword(storeId) {
      const store = deps.store(storeId);
      mustBeReady(store, 'database password');
      const { core, access, secretName } = await accessOf(store);
      let data: Record<string, string> | undefined;
      try {
        data = (await core.readNamespacedSecret({ name: secretName, namespace: store.namespace }))
          .data;
      } catch (error) {
        if (statusCode(error) === 404) {
          throw new IpcError(
            'not-found',
            `The store's credentials Secret ${secretName} is missing from ${store.namespace}.`,
          );
        }
        throw new IpcError(
          'unavailable',
          `Could not read the credentials Secret of ${store.name}: ${errorText(error)}.`,
        );
      }
      const encoded = data?.[access.passwordKey];
      if (!encoded) {
        throw new IpcError(
          'not-found',
          `The credentials Secret ${secretName} of ${store.name} holds no database password.`,
        );
      }
      return { password: Buffer.from(encoded, 'base64').toString('utf8') };
    },

    open: () => [...forwards.values()].map((f) => f.connection),

    storeUpdated(store) {
      if (store.status !== 'Ready' && forwards.has(store.id)) {
        void close(store.id, `store is ${store.status}`);
      }
    },

    async shutdown() {
      closed = true;
      await Promise.all([...opening.values()].map((p) => p.catch(() => undefined)));
      await Promise.all([...forwards.keys()].map((id) => close(id, 'app closing')));
    },
  };
}
