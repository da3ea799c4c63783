// The contract between the generic provisioning engine and one store kind. Everything the
// engine needs to know about WooCommerce or Medusa is reached through a driver; a new kind is a
// new folder implementing it, registered in ./registry.ts.
import type { KubeTarget } from '../kube/kube-target';
import type { UpgradableValue } from '../../src-shared/types/service-types';
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
  /** the order's number as the store shows it */
  orderId: number | string;
  status: string;
  /** the verify step's success message, e.g. "Order #12 placed with Cash on Delivery (processing)" */
  message: string;
  /**
   * Public, not secret values the check learned and the store keeps in its settings (Medusa's
   * publishable key); only keys the settings schema allows.
   */
  learned?: Record<string, string>;
}

/** Where a verify keeps the cart it is completing, so a resumed verify completes the same one. */
export interface VerifyCheckpoint {
  get(): string | undefined;
  set(cartId: string | undefined): void;
}

/** What the engine gives a verify besides where the storefront is. */
export interface VerifyContext {
  /** the store's secrets and admin login, read from its Secret when asked; never logged */
  readSecrets(): Promise<{ secrets: StoreSecrets; login: { username: string; password: string } }>;
  checkpoint: VerifyCheckpoint;
}

/** What a kind's preparation (its `image` step) is given. */
export interface PrepareInput {
  store: StoreRef;
  /** the store's cluster: kubeconfig and context */
  kube: KubeTarget;
  /**
   * The values the release would get without this step's settings: the chart's values.yaml,
   * the values file and the engine's override values, merged.
   */
  values: Record<string, unknown>;
  signal: AbortSignal;
  /** a line of progress, shown in the step's timeline */
  progress(line: string): void;
}

export interface PrepareResult {
  /** the step's success message */
  message: string;
  /**
   * Settings kept with the store and handed to buildValues as `extra` from now on (e.g. the
   * image it built); an empty object keeps what the values file says.
   */
  settings: Record<string, string>;
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

/**
 * How "Connect to database" reaches a store's database: a port-forward to the Ready pod behind
 * `service`/`servicePort`. `database` and `user` are the chart's defaults; when the pod's first
 * container sets `env.database`/`env.user` to a literal value, that value wins.
 */
export interface DatabaseAccess {
  engine: 'mariadb' | 'postgres';
  service: string;
  servicePort: string;
  database: string;
  user: string;
  env?: { database: string; user: string };
  /** the key of the credentials Secret that holds the user's password */
  passwordKey: string;
}

/** How a store kind shows in the app (the kind picker), installed or not. */
export interface StoreKindEntry {
  kind: StoreKind;
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
  /**
   * One-click admin login: a URL that signs the store's admin in once, built from the store's
   * Secret (decoded data); null when the Secret has no login key. `token` is the part of the URL
   * that must stay out of every log. Kinds without one-click login leave this out.
   */
  adminLoginUrl?(
    storeUrl: string,
    data: Record<string, string>,
  ): { url: string; token: string } | null;
  /** where the store's database is and who may log in to it; kinds without one leave it out */
  databaseAccess?(store: StoreRef): DatabaseAccess;
  /** the TLS names a store's merged values (chart defaults, values file) give its Ingress */
  tlsNames(store: StoreRef, values: Record<string, unknown>): StorefrontTlsNames;
  /** the verify step's started message, e.g. "Placing a Cash on Delivery order through the storefront" */
  verifyStarted: string;
  /** places a real order through the storefront; rejects with a StorefrontError */
  verify(target: StorefrontTarget, context?: VerifyContext): Promise<VerifyResult>;
  /**
   * What the store needs before its namespace and release (Medusa: its image built and imported
   * into a k3d cluster), run as the `image` step of a provision and of an upgrade. Absent when
   * the kind needs nothing.
   */
  prepare?(input: PrepareInput): Promise<PrepareResult>;
  /** the values an upgrade of this kind may change; others are refused with a sentence */
  upgradableValues: readonly UpgradableValue[];
}
