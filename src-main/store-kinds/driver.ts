// The contract between the generic provisioning engine and one store kind. Everything the
// engine needs to know about WooCommerce (or, later, Medusa) is reached through a driver; a
// new kind is a new folder implementing it, registered in ./registry.ts.
import type { KubeTarget } from '../kube/kube-target';
import type { StepName, StoreKind } from '../../src-shared/types/store-types';

export interface StoreRef {
  id: string;
  name: string;
  namespace: string;
}

/** Per-store generated secrets, keyed by the driver's own names. Never logged or persisted. */
export interface StoreSecrets {
  [key: string]: string;
}

/** Names of the objects a release creates, so the engine can wait for and inspect them. */
export interface WorkloadNames {
  statefulSets: string[];
  deployments: string[];
  bootstrapJob: string;
  credentialsSecret: string;
  service: string;
  servicePort: string;
}

export interface VerifyResult {
  orderId: number;
  status: string;
}

/** Where a store's storefront can be reached: its public URL, and its Service as a fallback. */
export interface StorefrontTarget {
  url: string;
  kube: KubeTarget;
  namespace: string;
  service: string;
  servicePort: string;
  signal?: AbortSignal;
  timeoutMs?: number;
  /** cert-manager's Certificate for the store's Ingress (named after its TLS Secret), for messages */
  tlsCertificate?: string;
  /** the ClusterIssuer the Ingress asks cert-manager to use, for messages */
  tlsClusterIssuer?: string;
}

/** One step of waiting for a store's workloads after Helm ran, in the order given. */
export interface ReadinessStep {
  step: StepName;
  /** the started event's message, e.g. "Waiting for MariaDB" */
  started: string;
  /** StatefulSets and Deployments to be ready (or scaled down, when stopped), Jobs complete */
  wait: readonly { kind: 'statefulset' | 'deployment' | 'job'; name: string }[];
  /** the succeeded event's message */
  done: string;
  /** a one-off setup (a Job) whose work lives on the store's volumes: not awaited on start */
  setup?: boolean;
}

/** Names of what issues a store's TLS certificate; empty when its Ingress has no TLS. */
export type StorefrontTlsNames = Pick<StorefrontTarget, 'tlsCertificate' | 'tlsClusterIssuer'>;

/** How a store kind shows in the app (the kind picker), installed or not. */
export interface StoreKindEntry {
  kind: StoreKind | 'medusa';
  displayName: string;
  /** false when this kind cannot be provisioned from this installation (e.g. chart missing) */
  available: boolean;
  /** why it is unavailable, in a sentence */
  unavailableReason?: string;
}

export interface StoreKindDriver extends StoreKindEntry {
  kind: StoreKind;
  /** absolute path to charts/<kind>; throws a clear error when the chart is missing */
  chartPath: string;
  releaseName(store: StoreRef): string;
  /** `${name}.${domain}`; the domain is "localhost" on a laptop */
  host(store: StoreRef, domain: string): string;
  storeUrl(host: string, scheme: 'http' | 'https', port?: number): string;
  adminUrl(storeUrl: string): string;
  workloads(store: StoreRef): WorkloadNames;
  /** what to wait for after each Helm run, step by step, before the storefront check */
  readiness(store: StoreRef): ReadinessStep[];
  /** CSPRNG, at least 24 characters each */
  generateSecrets(): StoreSecrets;
  buildValues(o: {
    store: StoreRef;
    host: string;
    secrets: StoreSecrets;
    extra?: Record<string, string>;
  }): Record<string, unknown>;
  /**
   * The user-changeable settings (the `extra` buildValues takes) found in a release's values;
   * everything else, passwords included, is dropped.
   */
  settingsFromValues(values: Record<string, unknown>): Record<string, string>;
  /** secrets back from the store's Kubernetes Secret (decoded values), so upgrades keep them */
  secretsFromSecretData(data: Record<string, string>): StoreSecrets;
  credentialsFromSecretData(
    data: Record<string, string>,
    adminUrl: string,
  ): { username: string; password: string; adminUrl: string };
  /** the TLS names a store's merged values (chart defaults, values file) give its Ingress */
  tlsNames(store: StoreRef, values: Record<string, unknown>): StorefrontTlsNames;
  /** places a real order through the storefront; rejects with a StorefrontError */
  verify(target: StorefrontTarget): Promise<VerifyResult>;
}
