// The Logs tab's main side: subscriptions that follow a store's logs and events, its sources,
// and its support bundle. Every line passes the store's redactor before it leaves this module.
import { randomUUID } from 'node:crypto';
import type { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import type {
  StoreLogBatch,
  StoreLogLine,
  StoreLogSources,
  SupportBundleFile,
} from '../../src-shared/ipc/contract';
import { IpcError } from '../../src-shared/ipc/ipc-error';
import type { HelmRevision } from '../../src-shared/types/service-types';
import type { Store, StoreWithEvents } from '../../src-shared/types/store-types';
import { Redactor } from '../engine/redactor';
import { errorText } from '../kube/client';
import { BoundedBuffer } from './bounded-buffer';
import { componentsOf } from './components';
import { containersOf } from './container-sources';
import { followStore } from './store-log-follower';
import { readSecretValues } from './store-secrets';
import { buildSupportBundle } from './support-bundle';

/** A store's cluster, as the Logs tab reads it. */
export interface StoreLogsTarget {
  kc: KubeConfig;
  core: CoreV1Api;
  release: string;
  /** the store's credentials Secret: its values are what the redactor blanks out */
  secretName: string;
}

export interface StoreLogsDeps {
  store(storeId: string): StoreWithEvents;
  history(storeId: string): Promise<HelmRevision[]>;
  connect(store: Store): Promise<StoreLogsTarget>;
  now?: () => Date;
  /** a subscription not renewed for this long ends (its page is gone) */
  leaseMs?: number;
  /** lines are sent at most this often per subscription */
  batchMs?: number;
  maxSubscriptions?: number;
}

export interface StoreLogsService {
  sources(storeId: string): Promise<StoreLogSources>;
  subscribe(storeId: string, tailLines?: number): Promise<{ subscriptionId: string }>;
  renew(subscriptionId: string): { active: boolean };
  unsubscribe(subscriptionId: string): void;
  bundle(storeId: string): Promise<SupportBundleFile>;
  onLines(listener: (batch: StoreLogBatch) => void): () => void;
  shutdown(): void;
}

export const DEFAULT_TAIL_LINES = 200;
const EVENT_TAIL = 100;
// What one subscription may hold between two sends; a flood drops its oldest lines.
const PENDING_LIMIT = 2_000;

interface Subscription {
  controller: AbortController;
  pending: BoundedBuffer<StoreLogLine>;
  timer: NodeJS.Timeout | null;
  lease: NodeJS.Timeout;
}

export function createStoreLogsService(deps: StoreLogsDeps): StoreLogsService {
  const redactor = new Redactor();
  const listeners = new Set<(batch: StoreLogBatch) => void>();
  const subscriptions = new Map<string, Subscription>();
  const leaseMs = deps.leaseMs ?? 60_000;
  const batchMs = deps.batchMs ?? 50;
  const maxSubscriptions = deps.maxSubscriptions ?? 8;

  const learnSecrets = async (store: Store, target: StoreLogsTarget): Promise<void> => {
    redactor.remember(
      store.id,
      await readSecretValues(target.core, store.namespace, target.secretName),
    );
  };

  /** The store's cluster, with the redactor taught the store's current secrets. */
  const open = async (store: Store): Promise<StoreLogsTarget> => {
    let target: StoreLogsTarget;
    try {
      target = await deps.connect(store);
    } catch (error) {
      throw new IpcError(
        'unavailable',
        `The cluster of ${store.name} cannot be reached: ${redactor.redact(store.id, errorText(error))}`,
      );
    }
    try {
      await learnSecrets(store, target);
    } catch (error) {
      throw new IpcError(
        'unavailable',
        `The logs of ${store.name} are not shown because its Secret could not be read to hide its passwords: ${errorText(error)}`,
      );
    }
    return target;
  };

  const send = (subscriptionId: string): void => {
    const sub = subscriptions.get(subscriptionId);
    if (!sub) return;
    sub.timer = null;
    const lines = sub.pending.drain();
    if (lines.length === 0) return;
    for (const listener of listeners) listener({ subscriptionId, lines });
  };

  const end = (subscriptionId: string): void => {
    const sub = subscriptions.get(subscriptionId);
    if (!sub) return;
    subscriptions.delete(subscriptionId);
    sub.controller.abort();
    if (sub.timer) clearTimeout(sub.timer);
    clearTimeout(sub.lease);
  };

  const lease = (subscriptionId: string): NodeJS.Timeout => {
    const timer = setTimeout(() => end(subscriptionId), leaseMs);
    timer.unref();
    return timer;
  };

  return {
    async sources(storeId) {
      const { store } = deps.store(storeId);
      const target = await open(store);
      let pods;
      try {
        pods = (await target.core.listNamespacedPod({ namespace: store.namespace })).items;
      } catch (error) {
        throw new IpcError(
          'unavailable',
          `The pods of ${store.name} could not be listed: ${redactor.redact(store.id, errorText(error))}`,
        );
      }
      const containers = pods
        .flatMap((pod) => containersOf(pod, target.release))
        .map(({ pod, container, component, init }) => ({ pod, container, component, init }));
      const components = [...componentsOf(store.kind)];
      for (const c of containers)
        if (!components.includes(c.component)) components.push(c.component);
      return { components, containers };
    },

    async subscribe(storeId, tailLines = DEFAULT_TAIL_LINES) {
      const { store } = deps.store(storeId);
      const target = await open(store);
      // A page that never unsubscribed (closed while its lease runs) gives way to new ones.
      while (subscriptions.size >= maxSubscriptions) {
        const oldest = subscriptions.keys().next().value;
        if (oldest === undefined) break;
        end(oldest);
      }
      const subscriptionId = `logs-${randomUUID()}`;
      const controller = new AbortController();
      const sub: Subscription = {
        controller,
        pending: new BoundedBuffer<StoreLogLine>(PENDING_LIMIT),
        timer: null,
        lease: lease(subscriptionId),
      };
      subscriptions.set(subscriptionId, sub);
      void followStore({
        kc: target.kc,
        core: target.core,
        namespace: store.namespace,
        release: target.release,
        tailLines,
        eventTail: EVENT_TAIL,
        redact: (text) => redactor.redact(store.id, text),
        signal: controller.signal,
        beforeFollow: () => learnSecrets(store, target),
        onLines: (lines) => {
          if (controller.signal.aborted) return;
          sub.pending.push(...lines);
          sub.timer ??= setTimeout(() => send(subscriptionId), batchMs);
        },
      });
      return { subscriptionId };
    },

    renew(subscriptionId) {
      const sub = subscriptions.get(subscriptionId);
      if (!sub) return { active: false };
      clearTimeout(sub.lease);
      sub.lease = lease(subscriptionId);
      return { active: true };
    },

    unsubscribe: end,

    async bundle(storeId) {
      const { store, events } = deps.store(storeId);
      let target: StoreLogsTarget | null = null;
      try {
        target = await open(store);
      } catch (error) {
        // Without the Secret nothing from the cluster is safe to write; the rest still is.
        if (!(error instanceof IpcError)) throw error;
      }
      return buildSupportBundle({
        store,
        timeline: events,
        history: () => deps.history(storeId),
        core: target?.core ?? null,
        release: target?.release ?? '',
        redact: (text) => redactor.redact(store.id, text),
        now: (deps.now ?? (() => new Date()))(),
      });
    },

    onLines(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    shutdown() {
      for (const id of [...subscriptions.keys()]) end(id);
      listeners.clear();
    },
  };
}
