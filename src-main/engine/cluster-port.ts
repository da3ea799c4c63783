// What the engine needs from one Kubernetes context. The engine's steps talk only to this
// interface; cluster-adapter.ts implements it over Helm and the Kubernetes client.
import type { HelmReleaseRevision } from '../../src-shared/types/service-types';
import type { Leftover } from '../kube/leftovers';

export type { Leftover } from '../kube/leftovers';

export interface WaitOptions {
  timeoutMs: number;
  signal?: AbortSignal;
  onProgress?: (message: string) => void;
  /** strings to blank out of any log lines the wait reports (the store's passwords) */
  redact?: readonly string[];
}

export interface ReleaseStatus {
  name: string;
  namespace: string;
  revision: number;
  /** deployed, failed, pending-install, pending-upgrade, pending-rollback, uninstalling, ... */
  status: string;
}

export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
  terminating: boolean;
}

export interface StoreCluster {
  ensureNamespace(name: string, labels: Record<string, string>): Promise<'created' | 'existing'>;
  /** null when there is no such namespace */
  getNamespace(name: string): Promise<NamespaceInfo | null>;
  deleteNamespace(name: string): Promise<void>;
  /** deletes the pods and claims of a Storefleet namespace being deleted; absent = ok */
  deleteNamespacePodsAndClaims(name: string): Promise<void>;
  waitForNamespaceGone(name: string, o: WaitOptions): Promise<void>;
  listManagedNamespaces(): Promise<NamespaceInfo[]>;
  /**
   * Calls `onChange` whenever a Storefleet namespace appears, changes or goes (and once per
   * existing one as the watch starts). Resolves when the watch ends (server timeout, `signal`),
   * rejects when it fails; the caller watches again.
   */
  watchManagedNamespaces(onChange: () => void, signal: AbortSignal): Promise<void>;
  /** decoded data, or null when the Secret does not exist */
  readSecretData(namespace: string, name: string): Promise<Record<string, string> | null>;
  waitForStatefulSetReady(namespace: string, name: string, o: WaitOptions): Promise<void>;
  waitForDeploymentReady(namespace: string, name: string, o: WaitOptions): Promise<void>;
  /**
   * Waits for the Job `name` names: that Job, or the newest `<name>-<spec hash>` (a chart may
   * name its Job after its spec). Rejects with an error carrying `logTail: string[]` when it failed.
   */
  waitForJobComplete(namespace: string, name: string, o: WaitOptions): Promise<void>;
  /**
   * Deletes the Jobs `name` names (as above), so the next Helm run creates the Job anew (its pod
   * template is immutable); none left = ok.
   */
  deleteJob(namespace: string, name: string): Promise<void>;
  /** what of a store still exists in the cluster; empty once a delete left nothing */
  findLeftovers(namespace: string, storeId: string): Promise<Leftover[]>;
  /** one sentence per pod that cannot be scheduled, to explain a wait that timed out */
  unschedulablePods(namespace: string): Promise<string[]>;
  helm: {
    upgradeInstall(o: {
      release: string;
      namespace: string;
      chart: string;
      valuesFiles: string[];
      /** values Helm reads from its standard input, where valuesFiles names "-" */
      valuesYaml?: string;
      /** secret values inside the values files, scrubbed from any error */
      redact?: readonly string[];
      timeoutMs?: number;
      signal?: AbortSignal;
    }): Promise<void>;
    uninstall(
      release: string,
      namespace: string,
      o?: { timeoutMs?: number; signal?: AbortSignal },
    ): Promise<void>;
    history(release: string, namespace: string): Promise<HelmReleaseRevision[]>;
    rollback(
      release: string,
      namespace: string,
      revision: number,
      o?: { timeoutMs?: number; signal?: AbortSignal },
    ): Promise<void>;
    status(release: string, namespace: string): Promise<ReleaseStatus | null>;
    /** a revision's values, passwords included: pick the allowed keys at once, never log it */
    getValues(
      release: string,
      namespace: string,
      revision?: number,
    ): Promise<Record<string, unknown>>;
  };
}
