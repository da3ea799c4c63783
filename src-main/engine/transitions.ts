import {
  STORE_STATUSES,
  type StepName,
  type StoreStatus,
} from '../../src-shared/types/store-types';

export { PROVISION_STEPS } from '../../src-shared/types/store-types';

export const DELETE_STEPS = [
  'uninstall',
  'delete-namespace',
  'check-leftovers',
] as const satisfies readonly StepName[];

/** Statuses with engine work running or waiting to run. */
export const BUSY_STATUSES: readonly StoreStatus[] = [
  'Queued',
  'Provisioning',
  'Updating',
  'Deleting',
];

export type StoreAction =
  'cancel' | 'retry' | 'delete' | 'upgrade' | 'rollback' | 'history' | 'stop' | 'start';

const ALLOWED: Record<StoreAction, readonly StoreStatus[]> = {
  cancel: ['Queued', 'Provisioning'],
  retry: ['Failed', 'Cancelled'],
  // Any store can be deleted, whatever it is doing, unless it already is.
  delete: STORE_STATUSES.filter((s) => s !== 'Deleted'),
  // From Failed and Cancelled too: a new revision (or an older one) is how Helm users recover.
  upgrade: ['Ready', 'Failed', 'Cancelled'],
  rollback: ['Ready', 'Failed', 'Cancelled'],
  history: ['Ready', 'Failed', 'Cancelled', 'Updating', 'Stopped'],
  stop: ['Ready'],
  start: ['Stopped'],
};

/** The error code for an action refused in the store's status: not Ready yet, or busy/other. */
export function refusalCode(action: StoreAction): 'not-ready' | 'conflict' {
  return action === 'upgrade' || action === 'stop' ? 'not-ready' : 'conflict';
}

export function isActionAllowed(action: StoreAction, status: StoreStatus): boolean {
  return ALLOWED[action].includes(status);
}

export function allowedStatuses(action: StoreAction): readonly StoreStatus[] {
  return ALLOWED[action];
}

/** Statuses whose cluster objects are known to be gone: such a store can be forgotten. */
export const GONE_STATUSES: readonly StoreStatus[] = ['Missing', 'Deleted'];

/**
 * True when the store cannot have put anything into the cluster yet: still waiting for its
 * first step, or failed while validating. Deleting such a store needs no cluster at all.
 */
export function nothingInCluster(status: StoreStatus, step: StepName | null): boolean {
  return (
    (status === 'Queued' && step === null) ||
    ((status === 'Failed' || status === 'Cancelled') && (step === null || step === 'validate'))
  );
}
