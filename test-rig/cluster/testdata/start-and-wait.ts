// Child process for the no-orphans test: starts a cluster, reports where, then waits to be killed.
import { startCluster } from '../cluster';

const binDir = process.argv[2];
startCluster({ binDir }).then(
  (cluster) => {
    process.stdout.write(`${JSON.stringify({ pid: process.pid, dir: cluster.dir })}\n`);
    setInterval(() => {}, 60_000);
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
