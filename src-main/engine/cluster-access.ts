import type { StoreKindDriver } from '../store-kinds/driver';
import type { Store } from '../../src-shared/types/store-types';
import { connectCluster, type ConnectLimits } from './cluster-adapter';
import type { StoreCluster } from './cluster-port';
import type { EngineDeps } from './engine-deps';
import { EngineError } from './engine-error';
import { OpAborted, type KubeTarget } from './op-context';

export interface StoreAccess {
  cluster: StoreCluster;
  driver: StoreKindDriver;
  target: KubeTarget;
}

/**
 * The engine's way into a store's cluster: its kind's driver, its context resolved, and
 * Kubernetes calls bound to a signal (the engine's lifetime when none) with a deadline each.
 */
export class ClusterAccess {
  /** aborted at shutdown: ends the cluster calls made outside an operation (history, rediscovery) */
  private readonly lifetime = new AbortController();
  private readonly connectCluster: NonNullable<EngineDeps['connectCluster']>;

  constructor(
    private readonly deps: Pick<EngineDeps, 'resolveContext' | 'helmPath' | 'kinds'> & {
      connectCluster?: EngineDeps['connectCluster'];
      kubeCallMs: number;
    },
  ) {
    this.connectCluster = deps.connectCluster ?? connectCluster;
  }

  driver(store: Pick<Store, 'kind'>): StoreKindDriver {
    const driver = this.deps.kinds.driver(store.kind);
    if (!driver) {
      throw new EngineError('unavailable', `No driver for ${store.kind} stores is installed.`);
    }
    return driver;
  }

  async forStore(store: Store, signal?: AbortSignal): Promise<StoreAccess> {
    const driver = this.driver(store);
    const target = await this.deps.resolveContext(store.context);
    return { cluster: await this.connect(target, signal), driver, target };
  }

  /** `callTimeoutMs` shortens each call's deadline, for a quick "does it answer?" */
  async forContext(
    context: string,
    callTimeoutMs?: number,
    signal?: AbortSignal,
  ): Promise<StoreCluster> {
    return this.connect(await this.deps.resolveContext(context), signal, callTimeoutMs);
  }

  shutdown(): void {
    this.lifetime.abort(new OpAborted('shutdown'));
  }

  private async connect(
    target: KubeTarget,
    signal?: AbortSignal,
    callTimeoutMs?: number,
  ): Promise<StoreCluster> {
    const helm = await this.deps.helmPath();
    const limits: ConnectLimits = {
      signal: signal ?? this.lifetime.signal,
      callTimeoutMs: Math.min(callTimeoutMs ?? Infinity, this.deps.kubeCallMs),
    };
    return this.connectCluster(target, helm, limits);
  }
}
