import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ComponentSpec } from './component';
import { SERVICE_CIDR, type Pki } from './pki';

export interface Layout {
  binDir: string;
  dir: string;
  pki: Pki;
  etcdPort: number;
  etcdPeerPort: number;
  apiserverPort: number;
  kwokPort: number;
  /** generated at start: kwok needs the absolute path of the fake log file */
  kwokLogsConfig: string;
  kubeconfigs: { admin: string; controllerManager: string; scheduler: string };
}

export const KWOK_NODE_ANNOTATION = 'kwok.x-k8s.io/node';
export const KWOK_NODE_ANNOTATION_VALUE = 'fake';

const kwokDir = fileURLToPath(new URL('./kwok/', import.meta.url));
export const KWOK_CONFIG_FILES = [
  'node-initialize.yaml',
  'node-heartbeat-with-lease.yaml',
  'pod-ready.yaml',
  'pod-complete.yaml',
  'pod-fail.yaml',
  'pod-delete.yaml',
].map((file) => join(kwokDir, file));

/** Admission as on a stock cluster, listed so the suite does not depend on upstream defaults. */
const ADMISSION_PLUGINS = [
  'NamespaceLifecycle',
  'LimitRanger',
  'ServiceAccount',
  'TaintNodesByCondition',
  'PodSecurity',
  'Priority',
  'DefaultTolerationSeconds',
  'DefaultStorageClass',
  'DefaultIngressClass',
  'StorageObjectInUseProtection',
  'PersistentVolumeClaimResize',
  'RuntimeClass',
  'MutatingAdmissionWebhook',
  'ValidatingAdmissionWebhook',
  'ValidatingAdmissionPolicy',
  'ResourceQuota',
];

function spec(layout: Layout, name: string, args: string[]): ComponentSpec {
  return {
    name,
    command: join(layout.binDir, name),
    args,
    logFile: join(layout.dir, 'logs', `${name}.log`),
  };
}

export function etcdSpec(l: Layout): ComponentSpec {
  const client = `http://127.0.0.1:${l.etcdPort}`;
  const peer = `http://127.0.0.1:${l.etcdPeerPort}`;
  return spec(l, 'etcd', [
    '--name=storefleet-test',
    `--data-dir=${join(l.dir, 'etcd')}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=storefleet-test=${peer}`,
    '--initial-cluster-state=new',
    // A throw-away cluster: durability costs seconds per start on slow disks and buys nothing.
    '--unsafe-no-fsync',
    '--log-level=warn',
  ]);
}

export function apiserverSpec(l: Layout): ComponentSpec {
  const p = l.pki;
  return spec(l, 'kube-apiserver', [
    `--etcd-servers=http://127.0.0.1:${l.etcdPort}`,
    '--bind-address=127.0.0.1',
    '--advertise-address=127.0.0.1',
    `--secure-port=${l.apiserverPort}`,
    `--tls-cert-file=${p.apiserver.cert}`,
    `--tls-private-key-file=${p.apiserver.key}`,
    `--client-ca-file=${p.ca.cert}`,
    `--service-account-key-file=${p.serviceAccountPub}`,
    `--service-account-signing-key-file=${p.serviceAccountKey}`,
    '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    '--authorization-mode=Node,RBAC',
    `--enable-admission-plugins=${ADMISSION_PLUGINS.join(',')}`,
    '--allow-privileged=true',
    `--kubelet-client-certificate=${p.kubeletClient.cert}`,
    `--kubelet-client-key=${p.kubeletClient.key}`,
    '--kubelet-preferred-address-types=InternalIP',
    '--profiling=false',
    '--v=1',
  ]);
}

export function controllerManagerSpec(l: Layout): ComponentSpec {
  const p = l.pki;
  return spec(l, 'kube-controller-manager', [
    `--kubeconfig=${l.kubeconfigs.controllerManager}`,
    '--secure-port=0',
    '--controllers=*',
    '--use-service-account-credentials=true',
    `--service-account-private-key-file=${p.serviceAccountKey}`,
    `--root-ca-file=${p.ca.cert}`,
    `--cluster-signing-cert-file=${p.ca.cert}`,
    `--cluster-signing-key-file=${p.ca.key}`,
    `--service-cluster-ip-range=${SERVICE_CIDR}`,
    '--cluster-name=storefleet-test',
    // Namespace deletion walks every resource type; the default 20 qps makes it take seconds.
    '--kube-api-qps=300',
    '--kube-api-burst=600',
    '--leader-elect=false',
    '--profiling=false',
    '--v=1',
  ]);
}

export function schedulerSpec(l: Layout): ComponentSpec {
  return spec(l, 'kube-scheduler', [
    `--kubeconfig=${l.kubeconfigs.scheduler}`,
    '--secure-port=0',
    '--leader-elect=false',
    '--profiling=false',
    '--v=1',
  ]);
}

export function kwokSpec(l: Layout): ComponentSpec {
  return spec(l, 'kwok', [
    `--kubeconfig=${l.kubeconfigs.admin}`,
    '--manage-all-nodes=false',
    `--manage-nodes-with-annotation-selector=${KWOK_NODE_ANNOTATION}=${KWOK_NODE_ANNOTATION_VALUE}`,
    ...[...KWOK_CONFIG_FILES, l.kwokLogsConfig].map((file) => `--config=${file}`),
    // The apiserver reaches this address for `kubectl logs`, as it would reach a kubelet.
    '--node-ip=127.0.0.1',
    `--node-port=${l.kwokPort}`,
    `--server-address=127.0.0.1:${l.kwokPort}`,
    `--tls-cert-file=${l.pki.kwokServing.cert}`,
    `--tls-private-key-file=${l.pki.kwokServing.key}`,
    // Port-forwards to pods go where the pod's PortForward object says (kwok-port-forward.ts).
    '--enable-crds=PortForward',
    '--node-lease-duration-seconds=40',
    '--cidr=10.244.0.0/16',
  ]);
}
