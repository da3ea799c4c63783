import { access } from 'node:fs/promises';
import { KubeConfig, VersionApi } from '@kubernetes/client-node';
import { ClusterError } from './errors';
import type { TestClusterInfo } from './types';

/** A cluster from `npm run cluster:up`, checked to answer before any test relies on it. */
export async function readReusedCluster(
  kubeconfigPath: string,
  binDir: string,
): Promise<TestClusterInfo> {
  const fix = 'start one with `npm run cluster:up`, or unset STOREFLEET_TEST_CLUSTER_REUSE';
  await access(kubeconfigPath).catch(() => {
    throw new ClusterError(
      `STOREFLEET_TEST_CLUSTER_REUSE names ${kubeconfigPath}, which does not exist`,
      fix,
    );
  });
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  const server = kc.getCurrentCluster()?.server ?? '';
  await kc
    .makeApiClient(VersionApi)
    .getCode()
    .catch((error: unknown) => {
      throw new ClusterError(
        `the cluster in ${kubeconfigPath} (${server}) does not answer: ${error instanceof Error ? error.message : String(error)}`,
        fix,
      );
    });
  return { kubeconfigPath, context: kc.getCurrentContext(), binDir, server };
}
