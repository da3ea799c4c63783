import type { ContextKind } from '../../src-shared/types/service-types';

/** Where a probe failed: while getting credentials, or while talking to the API server. */
export type ProbeStage = 'credentials' | 'request';

export class ProbeDeadlineError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`probe deadline of ${timeoutMs} ms passed`);
    this.name = 'ProbeDeadlineError';
  }
}

export interface ProbeErrorContext {
  context: string;
  server: string;
  kind: ContextKind;
  stage: ProbeStage;
}

const TLS_CODES =
  /^(?:CERT_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_)/;

function startHint(kind: ContextKind, context: string): string {
  switch (kind) {
    case 'k3d':
      return `Is k3d running? Try \`k3d cluster start ${context.replace(/^k3d-/, '')}\`.`;
    case 'kind':
      return `Is the kind cluster's container running? Try \`docker start ${context.replace(/^kind-/, '')}-control-plane\`.`;
    case 'minikube':
      return 'Is minikube running? Try `minikube start`.';
    case 'docker-desktop':
      return 'Is Docker Desktop running with Kubernetes enabled?';
    case 'rancher-desktop':
      return 'Is Rancher Desktop running with Kubernetes enabled?';
    case 'k3s':
      return 'Is k3s running? On the server try `sudo systemctl start k3s`.';
    case 'other':
      return 'Is the cluster running, and is the server address in the kubeconfig right?';
  }
}

function errnoOf(error: unknown): string {
  if (!(error instanceof Error)) return '';
  const withCode = error as Error & { code?: unknown; errno?: unknown; cause?: unknown };
  if (typeof withCode.code === 'string') return withCode.code;
  if (typeof withCode.errno === 'string') return withCode.errno;
  return withCode.cause === undefined ? '' : errnoOf(withCode.cause);
}

function httpStatusOf(error: unknown): number | null {
  if (!(error instanceof Error) || !('code' in error)) return null;
  return typeof error.code === 'number' ? error.code : null;
}

// Credential plugins print free text; keep one short line so a dialog stays readable.
function firstLine(text: string): string {
  const line = text.split('\n').find((l) => l.trim().length > 0) ?? '';
  return line.length > 160 ? `${line.slice(0, 157)}...` : line.trim();
}

/** One sentence a user can act on, for any way a probe can fail. Never a stack trace. */
export function describeProbeError(error: unknown, at: ProbeErrorContext): string {
  const where = at.server
    ? `The cluster at ${at.server}`
    : `The cluster of context "${at.context}"`;
  if (error instanceof ProbeDeadlineError) {
    const seconds = Math.round(error.timeoutMs / 100) / 10;
    return `${where} did not answer within ${seconds} s. ${startHint(at.kind, at.context)}`;
  }
  // The client library refuses http:// while preparing TLS, before any credential is used.
  if (error instanceof Error && /HTTP protocol is not allowed/.test(error.message)) {
    return `${where} is addressed over plain HTTP, which is only accepted with insecure-skip-tls-verify. Use the API server's https:// address.`;
  }
  const errno = errnoOf(error);
  if (at.stage === 'credentials') {
    if (errno === 'ENOENT' && error instanceof Error && 'path' in error) {
      return `The credential plugin \`${String(error.path)}\` named by context "${at.context}" is not installed. Install it or pick another context.`;
    }
    const detail = error instanceof Error ? firstLine(error.message) : '';
    return `Getting credentials for context "${at.context}" failed${detail ? ` (${detail})` : ''}. Log in again with your cloud or cluster tool, or pick another context.`;
  }
  const status = httpStatusOf(error);
  if (status === 401) {
    return `${where} rejected the credentials in the kubeconfig (401 Unauthorized). Refresh them${at.kind === 'k3d' ? ` with \`k3d kubeconfig merge ${at.context.replace(/^k3d-/, '')}\`` : ''} or pick another context.`;
  }
  if (status === 403) {
    return `${where} denied access to the user of context "${at.context}" (403 Forbidden). Use a context with cluster-admin rights.`;
  }
  if (status !== null) {
    return `${where} answered with HTTP ${status}. Check that the server address points at a Kubernetes API server.`;
  }
  if (errno === 'ECONNREFUSED') {
    return `${where} refused the connection. ${startHint(at.kind, at.context)}`;
  }
  if (errno === 'ENOTFOUND' || errno === 'EAI_AGAIN') {
    return `${where} could not be found: its host name does not resolve. Check the server address in the kubeconfig and your network.`;
  }
  if (errno === 'ECONNRESET' || errno === 'EPIPE') {
    return `${where} closed the connection. ${startHint(at.kind, at.context)}`;
  }
  if (['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EADDRNOTAVAIL'].includes(errno)) {
    return `${where} cannot be reached from this machine (${errno}). Check the network or VPN, and that the cluster is running.`;
  }
  if (TLS_CODES.test(errno)) {
    return `${where} presented a certificate the kubeconfig does not trust (${errno}). The cluster was probably recreated: refresh the kubeconfig.`;
  }
  return `${where} could not be reached${errno ? ` (${errno})` : ''}. ${startHint(at.kind, at.context)}`;
}
