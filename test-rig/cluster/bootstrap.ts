import {
  ApiException,
  CoreV1Api,
  Health,
  NetworkingV1Api,
  StorageV1Api,
  type KubeConfig,
  type V1Node,
} from '@kubernetes/client-node';
import { KWOK_NODE_ANNOTATION, KWOK_NODE_ANNOTATION_VALUE } from './components';
import { installKwokPortForwardCrd } from './kwok-port-forward';
import { PROVISIONER_NAME, STORAGE_CLASS_NAME } from './local-path-provisioner-stand-in';
import { waitFor } from './wait';

export const NODE_NAMES = ['storefleet-node-1', 'storefleet-node-2'];
const LAPTOP = { cpu: '4', memory: '8Gi', pods: '110', 'ephemeral-storage': '100Gi' };

async function createIgnoringConflict(create: () => Promise<unknown>): Promise<void> {
  await create().catch((error: unknown) => {
    if (error instanceof ApiException && error.code === 409) return;
    throw error;
  });
}

function fakeNode(name: string): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { [KWOK_NODE_ANNOTATION]: KWOK_NODE_ANNOTATION_VALUE },
      labels: {
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'node-role.kubernetes.io/worker': '',
        type: 'kwok',
      },
    },
    status: { capacity: LAPTOP, allocatable: LAPTOP },
  };
}

export async function waitForApiserver(kc: KubeConfig, timeoutMs: number): Promise<void> {
  const health = new Health(kc);
  await waitFor(
    'the apiserver /readyz',
    async () => ((await health.readyz({})) ? true : undefined),
    timeoutMs,
  );
}

/**
 * What a fresh k3s offers that the rest of the suite relies on: nodes, storage, ingress; and
 * the CRD through which kwok serves pod port-forwards, installed up front so kwok finds it at
 * once instead of after its list backoff.
 */
export async function createBaseline(kc: KubeConfig): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  const storage = kc.makeApiClient(StorageV1Api);
  const networking = kc.makeApiClient(NetworkingV1Api);
  await Promise.all([
    installKwokPortForwardCrd(kc),
    createIgnoringConflict(() =>
      core.createNamespace({ body: { metadata: { name: 'kube-system' } } }),
    ),
    ...NODE_NAMES.map((name) =>
      createIgnoringConflict(() => core.createNode({ body: fakeNode(name) })),
    ),
    createIgnoringConflict(() =>
      storage.createStorageClass({
        body: {
          metadata: {
            name: STORAGE_CLASS_NAME,
            annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
          },
          provisioner: PROVISIONER_NAME,
          reclaimPolicy: 'Delete',
          volumeBindingMode: 'WaitForFirstConsumer',
        },
      }),
    ),
    createIgnoringConflict(() =>
      networking.createIngressClass({
        body: {
          metadata: {
            name: 'traefik',
            annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
          },
          spec: { controller: 'traefik.io/ingress-controller' },
        },
      }),
    ),
  ]);
}

/** Pods can be created (default ServiceAccount exists) and scheduled (nodes Ready, untainted). */
export async function waitForUsable(kc: KubeConfig, timeoutMs: number): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  await Promise.all([
    waitFor(
      'the default ServiceAccount in namespace default',
      () => core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' }),
      timeoutMs,
    ),
    waitFor(
      'both fake nodes to be Ready and untainted',
      async () => {
        const nodes = await core.listNode();
        const usable = nodes.items.filter(
          (n) =>
            n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') &&
            (n.spec?.taints ?? []).length === 0,
        );
        return usable.length >= NODE_NAMES.length ? true : undefined;
      },
      timeoutMs,
      200,
    ),
  ]);
}
