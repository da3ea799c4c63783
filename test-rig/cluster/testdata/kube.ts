import { randomBytes } from 'node:crypto';
import {
  ApiException,
  AppsV1Api,
  BatchV1Api,
  CoreV1Api,
  KubeConfig,
} from '@kubernetes/client-node';
import { testCluster } from '../test-cluster';
import { waitFor } from '../wait';

/** Clients for the suite's cluster, plus per-test namespaces that are removed afterwards. */
export function clients() {
  const info = testCluster();
  const kc = new KubeConfig();
  kc.loadFromFile(info.kubeconfigPath);
  kc.setCurrentContext(info.context);
  return {
    info,
    kc,
    core: kc.makeApiClient(CoreV1Api),
    apps: kc.makeApiClient(AppsV1Api),
    batch: kc.makeApiClient(BatchV1Api),
  };
}

export function uniqueName(prefix: string): string {
  return `${prefix}-${randomBytes(3).toString('hex')}`;
}

export async function createNamespace(core: CoreV1Api, prefix: string): Promise<string> {
  const name = uniqueName(prefix);
  await core.createNamespace({ body: { metadata: { name } } });
  return name;
}

export async function namespaceGone(core: CoreV1Api, name: string): Promise<boolean> {
  return core.readNamespace({ name }).then(
    () => false,
    (error: unknown) => {
      if (error instanceof ApiException && error.code === 404) return true;
      throw error;
    },
  );
}

export async function deleteNamespaceAndWait(
  core: CoreV1Api,
  name: string,
  timeoutMs: number,
): Promise<void> {
  await core.deleteNamespace({ name }).catch((error: unknown) => {
    if (!(error instanceof ApiException && error.code === 404)) throw error;
  });
  await waitFor(
    `namespace ${name} to be gone`,
    async () => ((await namespaceGone(core, name)) ? true : undefined),
    timeoutMs,
    200,
  );
}

export const until = waitFor;
