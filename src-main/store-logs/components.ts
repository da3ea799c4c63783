// Which part of a store a pod belongs to, in the words the Logs tab shows. The charts label
// every pod with app.kubernetes.io/component; a pod without it (made by hand, an older chart)
// is placed by its name's stem after the release name.
import type { StoreKind } from '../../src-shared/types/store-types';

export const EVENTS_COMPONENT = 'Events';
export const OTHER_COMPONENT = 'Other';

const BY_LABEL: Record<string, string> = {
  wordpress: 'WordPress',
  mariadb: 'MariaDB',
  bootstrap: 'Bootstrap Job',
  cron: 'WP-Cron',
  postgres: 'PostgreSQL',
  medusa: 'Medusa',
  setup: 'Setup Job',
};

/** The components of a store of this kind, in the order the filter lists them. */
export function componentsOf(kind: StoreKind): string[] {
  return kind === 'medusa'
    ? ['Medusa', 'PostgreSQL', 'Setup Job']
    : ['WordPress', 'MariaDB', 'Bootstrap Job', 'WP-Cron'];
}

export interface PodIdentity {
  name: string;
  labels?: Record<string, string> | undefined;
}

/** The component of a pod of the store whose Helm release is `release`. */
export function componentOfPod(pod: PodIdentity, release: string): string {
  const label = pod.labels?.['app.kubernetes.io/component'];
  if (label && BY_LABEL[label]) return BY_LABEL[label];
  const prefix = `${release}-`;
  if (!pod.name.startsWith(prefix)) return OTHER_COMPONENT;
  const stem = pod.name.slice(prefix.length).split('-')[0] ?? '';
  return BY_LABEL[stem] ?? OTHER_COMPONENT;
}
