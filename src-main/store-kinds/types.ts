// The contract between the generic provisioning engine and one store kind. Everything the
// engine needs to know about WooCommerce (or, later, Medusa) is reached through a driver.
import type { KubeTarget } from '../kube/kube-target';
import type { StoreKind } from '../../src-shared/types/store-types';

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

/** Names of what issues a store's TLS certificate; empty when its Ingress has no TLS. */
export type StorefrontTlsNames = Pick<StorefrontTarget, 'tlsCertificate' | 'tlsClusterIssuer'>;

export interface StoreKindDriver {
  kind: StoreKind;
  displayName: string;
  /** false when this kind cannot be provisioned from this installation (e.g. chart missing) */
  available: boolean;
  /** absolute path to charts/<kind>; throws a clear error when the chart is missing */
  chartPath: string;
  releaseName(store: StoreRef): string;
  /** `${name}.${domain}`; the domain is "localhost" on a laptop */
  host(store: StoreRef, domain: string): string;
  storeUrl(host: string, scheme: 'http' | 'https', port?: number): string;
  adminUrl(storeUrl: string): string;
  workloads(store: StoreRef): WorkloadNames;
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
