import type { KubeConfig, User } from '@kubernetes/client-node';

/** What the user sends with each request that someone else could replay, in words; null if none. */
function replayableCredential(user: User | null): string | null {
  if (!user) return null;
  if (user.username && user.password) return 'its user name and password';
  // exec plugins and auth providers hand over a bearer token just like a static one.
  if (user.token || user.exec || user.authProvider) return 'its token';
  return null;
}

/**
 * Sentences warning that the kubeconfig's current context hands a replayable credential (token,
 * user name and password) to a server it does not authenticate: over plain http://, or over
 * TLS with insecure-skip-tls-verify. Empty when the context is safe in that respect.
 */
export function credentialWarnings(kc: KubeConfig): string[] {
  const context = kc.getCurrentContext();
  const cluster = kc.getCurrentCluster();
  const credential = replayableCredential(kc.getCurrentUser());
  if (!cluster || !credential) return [];
  const server = cluster.server;
  if (/^http:\/\//i.test(server)) {
    return [
      `The kube context "${context}" sends ${credential} to ${server} unencrypted: anyone on the network path can read and reuse it. Use the cluster's https:// address.`,
    ];
  }
  if (cluster.skipTLSVerify) {
    return [
      `The kube context "${context}" skips TLS verification (insecure-skip-tls-verify), so ${credential} goes to whoever answers at ${server}, unchecked. Set the cluster's certificate-authority-data instead.`,
    ];
  }
  return [];
}
