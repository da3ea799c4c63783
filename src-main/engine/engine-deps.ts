import type { SettingsRepository } from '../db/settings-repository';
import type { StoreRepository } from '../db/store-repository';
import type { StoreRef } from '../store-kinds/driver';
import type { StoreKindRegistry } from '../store-kinds/registry';
import type { StoreKind } from '../../src-shared/types/store-types';
import type { ConnectLimits } from './cluster-adapter';
import type { StoreCluster } from './cluster-port';
import type { EngineTimeouts, KubeTarget } from './op-context';

/** What the store engine is built from; everything outside the engine it talks to. */
export interface EngineDeps {
  repo: StoreRepository;
  settings: SettingsRepository;
  resolveContext(context: string): Promise<KubeTarget>;
  /** the Helm binary to run; throws a clear Error when there is none */
  helmPath(): Promise<string>;
  /** the store kinds and their drivers; the engine knows no kind but through it */
  kinds: StoreKindRegistry;
  /** e.g. helm-values/values-local.yaml */
  valuesFile(kind: StoreKind): string;
  /** 'localhost' on a laptop */
  storeDomain: string;
  /** port in store URLs, one for all contexts or per context; undefined = the scheme's default */
  storefrontPort?: StorefrontPort;
  timeouts?: Partial<EngineTimeouts>;
  now?: () => Date;
  /** never receives secrets */
  log?: (line: string) => void;
  /** values layered over a store's generated values (node placement, resources, ...) */
  overrideValues?: (store: StoreRef) => Record<string, unknown> | undefined;
  /** contexts to rediscover on start besides those the database knows */
  knownContexts?: () => string[];
  /** the namespace watch's pacing; for tests */
  namespaceWatch?: { settleMs?: number; retryMs?: number };
  /** builds the cluster access for one context; the Helm + Kubernetes client adapter by default */
  connectCluster?: (target: KubeTarget, helmPath: string, limits?: ConnectLimits) => StoreCluster;
}

/** The host port a context's stores answer on: one for every context, or asked per context. */
export type StorefrontPort = number | ((context: string) => number | undefined);

export function storefrontPortOf(
  port: StorefrontPort | undefined,
  context: string,
): number | undefined {
  return typeof port === 'function' ? port(context) : port;
}
