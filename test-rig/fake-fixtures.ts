// Stand-in data for tests: stores, events, contexts, probes and tools as main would report them.
import type { Store, StoreEvent } from '../src-shared/types/store-types';
import { adminAvailableFor } from '../src-shared/types/store-access';
import type { ContextProbe, KubeContextInfo, ToolInfo } from '../src-shared/types/service-types';

const T0 = '2025-01-01T10:00:00.000Z';

export function standInStore(partial: Partial<Store> & { name: string }): Store {
  const id = partial.id ?? `id-${partial.name}`;
  const kind = partial.kind ?? 'woocommerce';
  return {
    id,
    kind,
    context: 'k3d-dev',
    namespace: `store-${partial.name}`,
    status: 'Queued',
    step: null,
    error: null,
    url: `http://${partial.name}.localhost`,
    adminUrl: `http://${partial.name}.localhost${kind === 'medusa' ? '/app' : '/wp-admin/'}`,
    createdAt: T0,
    updatedAt: T0,
    statusSince: T0,
    helmRevision: null,
    adminAvailable: adminAvailableFor(partial.status ?? 'Queued', partial.step ?? null),
    ...partial,
  };
}

export function standInEvent(partial: Partial<StoreEvent> & { id: number }): StoreEvent {
  return {
    storeId: 'id-shop',
    step: 'validate',
    status: 'started',
    message: '',
    at: T0,
    ...partial,
  };
}

export function standInContext(
  partial: Partial<KubeContextInfo> & { name: string },
): KubeContextInfo {
  return {
    cluster: partial.name,
    server: 'https://127.0.0.1:6443',
    kind: 'k3d',
    file: '/home/user/.kube/config',
    current: false,
    local: true,
    ...partial,
  };
}

export function standInProbe(partial: Partial<ContextProbe> & { context: string }): ContextProbe {
  return {
    reachable: true,
    error: null,
    serverVersion: 'v1.31.2+k3s1',
    readyNodes: 1,
    totalNodes: 1,
    defaultStorageClass: 'local-path',
    ingressClasses: ['traefik'],
    traefik: true,
    checkedAt: T0,
    ...partial,
  };
}

export const standInTools: ToolInfo[] = [
  { name: 'helm', path: '/usr/local/bin/helm', version: 'v3.16.2', ok: true, problem: null },
  { name: 'kubectl', path: '/usr/local/bin/kubectl', version: 'v1.31.2', ok: true, problem: null },
];
