// Domain types shared by the engine, the database, the IPC contract and the renderer.
// Type-only: importing this module pulls in no runtime code.

export type StoreKind = 'woocommerce';

export type StoreStatus =
  | 'Queued'
  | 'Provisioning'
  | 'Ready'
  | 'Failed'
  | 'Updating'
  | 'Stopped'
  | 'Deleting'
  | 'Deleted'
  | 'Missing';

export type StepName =
  | 'validate'
  | 'namespace'
  | 'helm'
  | 'wait-mariadb'
  | 'wait-wordpress'
  | 'bootstrap'
  | 'verify'
  | 'ready'
  | 'upgrade'
  | 'rollback'
  | 'stop'
  | 'start'
  | 'uninstall'
  | 'delete-namespace'
  | 'check-leftovers'
  | 'cancel';

export type StepStatus = 'started' | 'progress' | 'succeeded' | 'failed';

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
  /** plain-language reason when Failed; never contains secrets */
  error: string | null;
  url: string;
  adminUrl: string;
  createdAt: string;
  updatedAt: string;
  /** when the current status was entered, for elapsed-time display */
  statusSince: string;
  helmRevision: number | null;
}

export interface StoreWithEvents {
  store: Store;
  events: StoreEvent[];
}
