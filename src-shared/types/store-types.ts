// Domain types shared by the engine, the database, the IPC contract and the renderer. The value
// lists are the single source of the unions below; the module has no imports, so the renderer can
// use it as freely as main.

export const STORE_KINDS = ['woocommerce', 'medusa'] as const;
export type StoreKind = (typeof STORE_KINDS)[number];

export const STORE_STATUSES = [
  'Queued',
  'Provisioning',
  'Ready',
  'Failed',
  'Cancelled',
  'Updating',
  'Stopped',
  'Deleting',
  'Deleted',
  'Missing',
] as const;
export type StoreStatus = (typeof STORE_STATUSES)[number];

/** The steps of a new WooCommerce store, in order (provisionSteps gives any kind's). */
export const PROVISION_STEPS = [
  'validate',
  'namespace',
  'helm',
  'wait-mariadb',
  'wait-wordpress',
  'bootstrap',
  'verify',
  'ready',
] as const;

/** The steps of a new Medusa store, in order: its image is made ready before anything else. */
export const MEDUSA_PROVISION_STEPS = [
  'validate',
  'image',
  'namespace',
  'helm',
  'wait-postgres',
  'wait-medusa',
  'setup',
  'verify',
  'ready',
] as const;

const PROVISION_STEPS_BY_KIND = {
  woocommerce: PROVISION_STEPS,
  medusa: MEDUSA_PROVISION_STEPS,
} as const satisfies Record<StoreKind, readonly string[]>;

/** Every step some kind's provisioning runs, without repeats. */
export const ALL_PROVISION_STEPS = [
  ...new Set<ProvisionStep>([...PROVISION_STEPS, ...MEDUSA_PROVISION_STEPS]),
] as readonly ProvisionStep[];
type ProvisionStep = (typeof PROVISION_STEPS)[number] | (typeof MEDUSA_PROVISION_STEPS)[number];

/** The steps of a new store of this kind, in order. */
export function provisionSteps(kind: StoreKind): readonly StepName[] {
  return PROVISION_STEPS_BY_KIND[kind];
}

export const STEP_NAMES = [
  ...PROVISION_STEPS,
  'image',
  'wait-postgres',
  'wait-medusa',
  'setup',
  'upgrade',
  'rollback',
  'stop',
  'start',
  'uninstall',
  'delete-namespace',
  'check-leftovers',
  'cancel',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

export const STEP_STATUSES = ['started', 'progress', 'succeeded', 'failed'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

export interface StoreEvent {
  id: number;
  storeId: string;
  step: StepName;
  status: StepStatus;
  message: string;
  /** ISO-8601 timestamp */
  at: string;
}

export interface Store {
  id: string;
  name: string;
  kind: StoreKind;
  context: string;
  namespace: string;
  status: StoreStatus;
  /** the step running, or the step that failed */
  step: StepName | null;
  /** one plain-language sentence saying why it Failed; never contains secrets */
  error: string | null;
  /**
   * What the tool or the failing workload said (Helm's output, a Job's log tail), redacted and
   * capped; shown behind "Details". Null or absent when there is nothing more than `error`.
   */
  errorDetails?: string | null;
  /**
   * The store's app (WordPress, Medusa) has answered in its current or last operation: its admin
   * can be opened and its credentials revealed, even while the store is Failed or Cancelled after
   * that point.
   */
  adminAvailable: boolean;
  url: string;
  adminUrl: string;
  createdAt: string;
  updatedAt: string;
  /** when the current status was entered, for elapsed-time display */
  statusSince: string;
  helmRevision: number | null;
  /**
   * Read, never written: derived by the database from what it already holds. When the store
   * first became Ready (its `ready` step succeeded); absent until then.
   */
  readyAt?: string;
  /**
   * Read, never written: the WooCommerce version recorded in a WooCommerce store's settings, if
   * any.
   */
  version?: string;
}

/** The Store fields the database derives on read; they have no column of their own. */
export type DerivedStoreField = 'readyAt' | 'version' | 'adminAvailable';

export interface StoreWithEvents {
  store: Store;
  events: StoreEvent[];
}
