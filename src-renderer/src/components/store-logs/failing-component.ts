import type { StepName, StoreKind } from '../../../../src-shared/types/store-types';

export const ALL = 'All';
export const EVENTS = 'Events';

const BY_STEP: Partial<Record<StepName, string>> = {
  'wait-mariadb': 'MariaDB',
  'wait-wordpress': 'WordPress',
  bootstrap: 'Bootstrap Job',
  'wait-postgres': 'PostgreSQL',
  'wait-medusa': 'Medusa',
  setup: 'Setup Job',
};

/**
 * Whose log explains a failure at this step: the workload the step waited for; the store's app
 * when its storefront check failed; else the namespace's events (Helm, quota, scheduling).
 */
export function failingComponent(kind: StoreKind, step: StepName | null): string {
  if (step && BY_STEP[step]) return BY_STEP[step];
  if (step === 'verify') return kind === 'medusa' ? 'Medusa' : 'WordPress';
  return EVENTS;
}
