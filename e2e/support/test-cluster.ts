// The e2e suite's cluster: the real test control plane, or one from `npm run cluster:up` when
// STOREFLEET_TEST_CLUSTER_REUSE names its kubeconfig.
import { startCluster } from '../../test-rig/cluster/cluster';
import { readReusedCluster } from '../../test-rig/cluster/reuse';
import { findToolchain } from '../../test-rig/cluster/toolchain';
import type { TestClusterInfo } from '../../test-rig/cluster/types';

export interface E2eCluster extends TestClusterInfo {
  stop(): Promise<void>;
}

export const REUSE_ENV = 'STOREFLEET_TEST_CLUSTER_REUSE';

export async function startE2eCluster(log: (line: string) => void): Promise<E2eCluster> {
  const binDir = await findToolchain(log);
  const reuse = process.env[REUSE_ENV];
  if (reuse) {
    const info = await readReusedCluster(reuse, binDir);
    log(`[cluster] reusing ${info.server} from ${reuse}`);
    // Someone else owns a reused cluster; stopping it is theirs to do.
    return { ...info, stop: () => Promise.resolve() };
  }
  const cluster = await startCluster({ binDir, log });
  return {
    kubeconfigPath: cluster.kubeconfigPath,
    context: cluster.context,
    binDir: cluster.binDir,
    server: cluster.server,
    stop: () => cluster.stop(),
  };
}
