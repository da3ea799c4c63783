import type { ToolErrorCode } from './tool-error';

export interface StderrPattern {
  code: ToolErrorCode;
  pattern: RegExp;
  /** a sentence a user can act on; `match` is the pattern's match against `stderr` */
  message: (match: RegExpMatchArray, stderr: string) => string;
}

// Go's HTTP client names the URL ("Get \"https://127.0.0.1:6443/version\"") or the dialled address.
function serverOf(stderr: string): string {
  const url = /"(https?:\/\/[^/"\s]+)/.exec(stderr)?.[1];
  const addr = /dial tcp ((?:\[[^\]]+\]|[^\s:]+):\d+)/.exec(stderr)?.[1];
  const server = url ?? addr;
  return server ? ` at ${server}` : '';
}

// Order matters: Helm prefixes several distinct failures with "Kubernetes cluster unreachable",
// and quota rejections also say "forbidden", so the specific patterns come before generic ones.
export const STDERR_PATTERNS: readonly StderrPattern[] = [
  {
    code: 'quota-exceeded',
    pattern: /exceeded quota:?\s*([\w.-]+)?/i,
    message: (m) =>
      `The namespace's resource quota${m[1] ? ` "${m[1]}"` : ''} does not allow this. ` +
      'Raise the quota or lower the store\u2019s resource requests.',
  },
  {
    code: 'release-exists',
    pattern: /cannot re-use a name that is still in use/i,
    message: () =>
      'A Helm release with this name already exists. Choose another name or delete the existing release first.',
  },
  {
    code: 'context-not-found',
    pattern: /context "([^"]*)" does not exist/i,
    message: (m) =>
      `The kube context "${m[1] ?? ''}" does not exist in the kubeconfig. ` +
      'Pick another context or check the KUBECONFIG files.',
  },
  {
    code: 'release-not-found',
    pattern: /release: not found|release "?[\w.-]*"? not found|has no deployed releases/i,
    message: () => 'The Helm release was not found. It may have been deleted outside Storefleet.',
  },
  {
    // Left behind when a Helm process was killed mid-operation; only a rollback clears it.
    code: 'failed',
    pattern: /another operation \(install\/upgrade\/rollback\) is in progress/i,
    message: () =>
      'Another Helm operation on this release is still in progress or was interrupted. Wait for it, or roll the release back to its last good revision.',
  },
  {
    code: 'kube-version',
    pattern:
      /chart requires kubeVersion:\s*(\S+) which is incompatible with Kubernetes (v?[\w.+-]+)/i,
    message: (m) =>
      `The chart needs Kubernetes ${m[1] ?? ''} but the cluster runs ${m[2] ?? 'another version'}. ` +
      'Upgrade the cluster or use a chart version that supports it.',
  },
  {
    code: 'invalid-values',
    pattern: /values don't meet the specifications of the schema/i,
    // Only the JSON path is repeated: the schema error line may quote the offending value.
    message: (_m, stderr) => {
      const path = /^\s*-\s*at '([^']*)'/m.exec(stderr)?.[1];
      return (
        `The chart rejected its values${path ? ` at ${path || '/'}` : ''}. ` +
        'Fix the values file or the store settings and try again.'
      );
    },
  },
  {
    code: 'unauthorized',
    pattern:
      /\b(?:Unauthorized|401)\b|You must be logged in to the server|getting credentials: exec|exec plugin|the server has asked for the client to provide credentials|\b403\b|cannot (?:get|list|create|update|patch|delete|watch) resource/i,
    message: () =>
      'The cluster rejected the credentials in the kubeconfig. ' +
      'Refresh them (for k3d: `k3d kubeconfig merge`) or pick another context.',
  },
  {
    code: 'connection-refused',
    pattern:
      /connection refused|no such host|i\/o timeout|network is unreachable|no route to host|Kubernetes cluster unreachable/i,
    message: (_m, stderr) =>
      `Could not reach the Kubernetes API server${serverOf(stderr)}. ` +
      'Is the cluster running? For k3d try `k3d cluster start <name>`.',
  },
];

export interface StderrMatch {
  code: ToolErrorCode;
  message: string;
}

/** The first known failure in `stderr`, or null when none is recognised. */
export function matchStderr(stderr: string): StderrMatch | null {
  for (const entry of STDERR_PATTERNS) {
    const match = stderr.match(entry.pattern);
    if (match) return { code: entry.code, message: entry.message(match, stderr) };
  }
  return null;
}
