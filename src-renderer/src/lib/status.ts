import type { StepName, StoreStatus } from '../../../src-shared/types/store-types';

export type Tone = 'ready' | 'working' | 'failed' | 'idle';

export const STATUS_TONE: Record<StoreStatus, Tone> = {
  Queued: 'working',
  Provisioning: 'working',
  Updating: 'working',
  Deleting: 'working',
  Ready: 'ready',
  Failed: 'failed',
  Missing: 'failed',
  Stopped: 'idle',
  Deleted: 'idle',
};

/** Statuses whose elapsed time is worth a live clock. */
export function isWorking(status: StoreStatus): boolean {
  return STATUS_TONE[status] === 'working';
}

export function isCancellable(status: StoreStatus): boolean {
  return status === 'Queued' || status === 'Provisioning';
}

export const STEP_LABEL: Record<StepName, string> = {
  validate: 'Validate',
  namespace: 'Namespace',
  helm: 'Helm install',
  'wait-mariadb': 'MariaDB',
  'wait-wordpress': 'WordPress',
  bootstrap: 'Bootstrap',
  verify: 'Verify order',
  ready: 'Ready',
  upgrade: 'Upgrade',
  rollback: 'Rollback',
  stop: 'Stop',
  start: 'Start',
  uninstall: 'Uninstall',
  'delete-namespace': 'Delete namespace',
  'check-leftovers': 'Check leftovers',
  cancel: 'Cancel',
};

/** The provisioning path, shown as pending steps before they start. */
export { PROVISION_STEPS } from '../../../src-shared/types/store-types';
