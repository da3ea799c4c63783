import { randomBytes } from 'node:crypto';
import { testCluster } from '../cluster/test-cluster';
import type { KubeClients } from '../../src-main/kube/client';
import { createKubeClients, isNotFound } from '../../src-main/kube/client';
import { waitUntil } from '../../src-main/kube/wait';

/** Clients for the integration-test cluster, built the way the app builds them. */
export function testClients(): KubeClients {
  const info = testCluster();
  return createKubeClients({ kubeconfig: info.kubeconfigPath, context: info.context });
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

/** Test cleanup: removes a namespace whatever its labels, and waits until it is gone. */
export async function removeNamespace(c: KubeClients, name: string): Promise<void> {
  await c.core.deleteNamespace({ name }).catch((error: unknown) => {
    if (!isNotFound(error)) throw error;
  });
  await waitUntil(
    () =>
      c.core.readNamespace({ name }).then(
        () => undefined,
        (error: unknown) => {
          if (isNotFound(error)) return true;
          throw error;
        },
      ),
    { timeoutMs: 60_000, what: `test namespace ${name} to be gone` },
  );
}
