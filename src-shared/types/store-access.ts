// What a store's status and step say about reaching it. Pure, import-free but for types, so the
// renderer and main read the same rule.
import type { StepName, StoreStatus } from './store-types';

/**
 * Steps that run only after the store's app answered in the same operation: WordPress (before
 * WooCommerce's bootstrap) or Medusa (before its admin user's setup).
 */
const AFTER_APP_ANSWERED: ReadonlySet<StepName> = new Set([
  'bootstrap',
  'setup',
  'verify',
  'ready',
]);

const AT_A_STEP: ReadonlySet<StoreStatus> = new Set([
  'Provisioning',
  'Updating',
  'Failed',
  'Cancelled',
]);

/**
 * True when the store's app has answered: the store is Ready, or its operation (running, failed
 * or cancelled) had passed the wait for WordPress or Medusa. The owner can then sign in to fix what stopped it
 * (e.g. enable Cash on Delivery) before retrying.
 */
export function adminAvailableFor(status: StoreStatus, step: StepName | null): boolean {
  if (status === 'Ready') return true;
  return AT_A_STEP.has(status) && step !== null && AFTER_APP_ANSWERED.has(step);
}
