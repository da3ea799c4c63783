import type { TestProject } from 'vitest/node';
import { startCluster } from './cluster';
import { describeError } from './errors';
import { readReusedCluster } from './reuse';
import { findToolchain } from './toolchain';
import type { TestCluster, TestClusterInfo } from './types';

const REUSE_ENV = 'STOREFLEET_TEST_CLUSTER_REUSE';

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

// One line per volume drowns the test report; STOREFLEET_TEST_VERBOSE=1 brings them back.
// The stand-in's errors always show.
const ROUTINE_VOLUME_LINE = /^\[local-path-provisioner-stand-in\] (provisioned|deleted) /;

function clusterLog(line: string): void {
  if (process.env.STOREFLEET_TEST_VERBOSE || !ROUTINE_VOLUME_LINE.test(line)) log(line);
}

interface SharedCluster {
  ready: Promise<{ info: TestClusterInfo; cluster: TestCluster | undefined }>;
  users: number;
}

// The `int` and `int-alone` projects each load this file, each in its own module instance, in
// the one vitest process: they share one cluster through a process-wide slot, and the last
// project to finish stops it.
const SHARED = Symbol.for('storefleet.test-cluster');
type WithShared = typeof globalThis & { [SHARED]?: SharedCluster };

/**
 * vitest globalSetup for the projects that need a cluster: one real control plane for the run.
 * Set STOREFLEET_TEST_CLUSTER_REUSE=<kubeconfig> to use a cluster from `npm run cluster:up`.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const g = globalThis as WithShared;
  const shared = (g[SHARED] ??= { ready: startOnce(), users: 0 });
  shared.users += 1;
  const { info, cluster } = await shared.ready;
  project.provide('testCluster', info);
  return async () => {
    shared.users -= 1;
    if (shared.users > 0) return;
    delete g[SHARED];
    await cluster?.stop();
  };
}

async function startOnce(): Promise<{ info: TestClusterInfo; cluster: TestCluster | undefined }> {
  let cluster: TestCluster | undefined;
  let info: TestClusterInfo;
  try {
    const binDir = await findToolchain(log);
    const reuse = process.env[REUSE_ENV];
    if (reuse) {
      info = await readReusedCluster(reuse, binDir);
      log(`[cluster] reusing ${info.server} from ${reuse}`);
    } else {
      const started = Date.now();
      cluster = await startCluster({ binDir, log: clusterLog });
      info = {
        kubeconfigPath: cluster.kubeconfigPath,
        context: cluster.context,
        binDir: cluster.binDir,
        server: cluster.server,
      };
      log(`[cluster] ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${info.server}`);
    }
  } catch (error) {
    // A stack trace from here would hide the one sentence that matters.
    const failure = new Error(describeError(error));
    failure.stack = failure.message;
    throw failure;
  }
  return { info, cluster };
}
