// The service surface that IPC handlers call. Implemented by the engine, contexts and tools
// domains; the IPC layer and renderer depend only on these types.
import type { Store, StoreEvent, StoreKind, StoreWithEvents } from './store-types';

export type ContextKind =
  'k3d' | 'k3s' | 'kind' | 'minikube' | 'docker-desktop' | 'rancher-desktop' | 'other';

export interface KubeContextInfo {
  name: string;
  cluster: string;
  server: string;
  kind: ContextKind;
  /** kubeconfig file the context was read from */
  file: string;
  current: boolean;
  /** true when the API server is on this machine (loopback or *.localhost) */
  local: boolean;
}

export interface ContextProbe {
  context: string;
  reachable: boolean;
  /** one sentence a user can act on when not reachable */
  error: string | null;
  serverVersion: string | null;
  readyNodes: number;
  totalNodes: number;
  defaultStorageClass: string | null;
  ingressClasses: string[];
  traefik: boolean;
  checkedAt: string;
  /** security problems of the context itself (e.g. a token sent unencrypted); absent when none */
  warnings?: string[];
}

export interface ToolInfo {
  name: 'helm' | 'kubectl' | 'k3d';
  path: string | null;
  version: string | null;
  ok: boolean;
  /** what is wrong and how to fix it, when not ok */
  problem: string | null;
}

/** The system Storefleet runs on, as install steps name it. */
export type HostOs = 'macos' | 'windows' | 'linux';

/** One program a new user may need, as the first-run screen shows it. */
export interface SetupTool {
  name: 'docker' | 'k3d' | 'helm' | 'kubectl';
  /** "Docker", "k3d", "Helm", "kubectl" */
  label: string;
  path: string | null;
  version: string | null;
  /** found and usable; for Docker, the daemon answered too */
  ok: boolean;
  /** Docker only: whether its daemon answered (null when Docker itself is missing) */
  daemonRunning?: boolean | null;
  /** what is wrong, one or two sentences; null when ok */
  problem: string | null;
  /** why Storefleet wants it, one sentence */
  purpose: string;
  /** whether Storefleet works without it */
  required: boolean;
  /** how to install it (or start it) on this system, one sentence */
  install: string;
  /** a command to copy for that step, when there is one */
  command: string | null;
}

export interface SystemCheck {
  os: HostOs;
  tools: SetupTool[];
  /** the Helm release Storefleet can download for this system; null when none is published */
  helmDownload: { version: string } | null;
  /** the command that creates a local cluster Storefleet can use */
  createClusterCommand: string;
  checkedAt: string;
}

/** Where a Helm download is; sent as events while installHelm runs. */
export interface HelmInstallProgress {
  phase: 'checksum' | 'download' | 'verify' | 'extract' | 'check' | 'done';
  version: string;
  receivedBytes: number;
  totalBytes: number | null;
  /** one sentence */
  message: string;
}

/** One line while createLocalCluster runs: k3d's own output, then the wait for the cluster. */
export interface LocalClusterProgress {
  name: string;
  phase: 'create' | 'wait' | 'select' | 'done';
  /** one line of k3d's output without its log prefix, or one sentence */
  line: string;
}

/** One revision as Helm lists it (`helm history`). */
export interface HelmReleaseRevision {
  revision: number;
  updated: string;
  status: string;
  chart: string;
  appVersion: string;
  description: string;
}

/** One revision of a store's release, as the store page shows it. */
export interface HelmRevision extends HelmReleaseRevision {
  /** what the revision is: "Created", "Upgraded", "Stopped", "Started", "Rolled back to 3" */
  label: string;
  /** what differs from the revision before it, one short phrase each ("memory 512Mi → 1Gi") */
  changes: string[];
  /** the release's revision now */
  current: boolean;
  /** rolling back to it is possible (any revision but the current one, while the store allows it) */
  canRollback: boolean;
  /**
   * The values an upgrade can change, as this revision set them (from its values files and the
   * store's own); a value left to the chart's default is absent. Absent when they could not be read.
   */
  values?: Partial<Record<UpgradableValue, string>>;
}

/** The values an upgrade may change. */
export type UpgradableValue = 'wordpressImageTag' | 'woocommerceVersion' | 'memoryLimit';

export interface StoreCredentials {
  /** WordPress's user name; for Medusa, the admin's email */
  username: string;
  password: string;
  adminUrl: string;
  /** a Medusa store's publishable API key for its Store API (public, not a secret) */
  publishableKey?: string;
}

export interface CreateStoreInput {
  context: string;
  name: string;
  kind: StoreKind;
}

/** Values a user may change on upgrade; everything else comes from the values file. */
export interface UpgradeInput {
  storeId: string;
  wordpressImageTag?: string;
  woocommerceVersion?: string;
  memoryLimit?: string;
}

export interface Settings {
  maxConcurrentProvisions: number;
  maxStoresPerContext: number;
  maxCreatesPerMinute: number;
  selectedContext: string | null;
  helmPath: string | null;
}

export interface StoreService {
  list(context: string): Store[];
  get(storeId: string): StoreWithEvents;
  /** a host may first check that Helm and the cluster are usable, hence the promise */
  create(input: CreateStoreInput): Store | Promise<Store>;
  cancel(storeId: string): Promise<void>;
  /** Failed/Cancelled → runs the operation that stopped again, from the step that stopped it. */
  retry(storeId: string): Promise<void>;
  /**
   * Removes a store's row and events, touching nothing in the cluster; only when its cluster
   * objects are gone (Missing, Deleted) or its context cannot be reached.
   */
  forget(storeId: string): Promise<void>;
  delete(storeId: string): Promise<void>;
  upgrade(input: UpgradeInput): Promise<void>;
  rollback(storeId: string, revision: number): Promise<void>;
  /** Ready → Stopped: scales the store's workloads to zero, keeping its data. */
  stop(storeId: string): Promise<void>;
  /** Stopped → Ready: scales back up and verifies the storefront again. */
  start(storeId: string): Promise<void>;
  history(storeId: string): Promise<HelmRevision[]>;
  revealCredentials(storeId: string): Promise<StoreCredentials>;
  /**
   * A URL that signs the store's admin in once (short-lived); null when the store has no
   * one-click login. Optional: hosts without it open the plain admin URL.
   */
  adminLoginUrl?(storeId: string): Promise<string | null>;
  onStoreUpdated(listener: (store: Store) => void): () => void;
  onStoreEvent(listener: (event: StoreEvent) => void): () => void;
}
