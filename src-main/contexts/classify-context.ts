import type { ContextKind } from '../../src-shared/types/service-types';

const K3S_FILE = '/etc/rancher/k3s/k3s.yaml';
const LOCAL_HOSTS = new Set(['127.0.0.1', '::1', 'localhost', '0.0.0.0', 'host.docker.internal']);

function serverUrl(server: string): URL | null {
  try {
    return new URL(server);
  } catch {
    return null;
  }
}

/** What distribution a context most likely points at, from names, file and server alone. */
export function classifyContext(c: {
  name: string;
  cluster: string;
  server: string;
  file: string;
}): ContextKind {
  if (c.name.startsWith('k3d-')) return 'k3d';
  if (c.name.startsWith('kind-')) return 'kind';
  if (c.name === 'minikube') return 'minikube';
  if (c.name === 'docker-desktop' || c.name === 'docker-for-desktop') return 'docker-desktop';
  if (c.name === 'rancher-desktop') return 'rancher-desktop';
  if (c.file === K3S_FILE) return 'k3s';
  // k3s writes a kubeconfig whose cluster, context and user are all "default" on port 6443.
  if (c.cluster === 'default' && serverUrl(c.server)?.port === '6443') return 'k3s';
  return 'other';
}

/** True when the API server runs on this machine (loopback, *.localhost or Docker's host alias). */
export function isLocalServer(server: string): boolean {
  const url = serverUrl(server);
  if (!url) return false;
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return LOCAL_HOSTS.has(host) || host.endsWith('.localhost');
}

/** A probe may learn what names could not tell: a server version like v1.31.5+k3s1 is k3s. */
export function refineKind(kind: ContextKind, serverVersion: string | null): ContextKind {
  return kind === 'other' && serverVersion?.includes('+k3s') ? 'k3s' : kind;
}
