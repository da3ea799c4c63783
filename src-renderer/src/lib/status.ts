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
  Cancelled: 'idle',
};

/** Statuses whose elapsed time is worth a live clock. */
export function isWorking(status: StoreStatus): boolean {
  return STATUS_TONE[status] === 'working';
}

export function isCancellable(status: StoreStatus): boolean {
  return status === 'Queued' || status === 'Provisioning';
}

/** Retry runs the operation that stopped again, from the step that stopped it. */
export function isRetryable(status: StoreStatus): boolean {
  return status === 'Failed' || status === 'Cancelled';
}

/** Upgrade and rollback are how a Helm user recovers, so they are offered from Failed too. */
export function canChangeRelease(status: StoreStatus): boolean {
  return status === 'Ready' || status === 'Failed' || status === 'Cancelled';
}

/** Statuses whose cluster objects are known to be gone. */
export function isGone(status: StoreStatus): boolean {
  return status === 'Missing' || status === 'Deleted';
}

/**
 * A store can be forgotten (its row removed, nothing touched in the cluster) when its cluster
 * objects are gone, or when its cluster cannot be reached at all.
 */
export function canForget(status: StoreStatus, contextReachable: boolean | null): boolean {
  return isGone(status) || contextReachable === false;
}

export const STEP_LABEL: Record<StepName, string> = {
  validate: 'Validate',
  namespace: 'Namespace',
  helm: 'Helm install',
  'wait-mariadb': 'MariaDB',
  'wait-wordpress': 'WordPress',
  bootstrap: 'Bootstrap',
  image: 'Image',
  'wait-postgres': 'PostgreSQL',
  'wait-medusa': 'Medusa',
  setup: 'Admin user',
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

/** The provisioning path, shown as pending steps before they start (provisionSteps per kind). */
export { PROVISION_STEPS, provisionSteps } from '../../../src-shared/types/store-types';
