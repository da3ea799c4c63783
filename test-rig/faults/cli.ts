// The fault suite: starts its own test cluster (or reuses one named by
// STOREFLEET_TEST_CLUSTER_REUSE), injects every fault family into running engines, and prints
// one JSON object: per family {injected, converged, leftovers, lostRows, notes} and totals.
// Exits non-zero when anything was left behind or lost. Usage: npm run test:faults [family...]
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startCluster } from '../cluster/cluster';
import { describeError } from '../cluster/errors';
import { readReusedCluster } from '../cluster/reuse';
import { findToolchain } from '../cluster/toolchain';
import type { TestCluster, TestClusterInfo } from '../cluster/types';
import { startStoreApiStandIn } from '../stand-ins/woocommerce/store-api-stand-in';
import { clusterLeftovers, valuesFileLeftovers } from './checks';
import { FAMILIES } from './families';
import type { FaultEnv } from './fault-env';
import { emptyResult, errorText, totals, type FamilyResult, type FaultReport } from './report';

const log = (line: string): void => {
  process.stderr.write(`${line}\n`);
};

async function main(): Promise<number> {
  const started = performance.now();
  const since = Date.now();
  const only = process.argv.slice(2);
  const binDir = await findToolchain(log);
  const reuse = process.env.STOREFLEET_TEST_CLUSTER_REUSE;
  let owned: TestCluster | undefined;
  let cluster: TestClusterInfo;
  if (reuse) {
    cluster = await readReusedCluster(reuse, binDir);
    log(`[faults] reusing the test cluster at ${cluster.server}`);
  } else {
    owned = await startCluster({ binDir, log: (line) => log(line) });
    cluster = owned;
  }
  const standIn = await startStoreApiStandIn();
  const workDir = await mkdtemp(join(tmpdir(), 'storefleet-faults-'));
  const env: FaultEnv = {
    cluster,
    apiserver: owned?.apiserver,
    standIn,
    workDir,
    scale: process.env.STOREFLEET_FAULTS_SCALE === 'fast' ? 'fast' : 'full',
    log: process.env.STOREFLEET_TEST_VERBOSE ? log : () => undefined,
  };
  const families: Record<string, FamilyResult> = {};
  try {
    for (const [name, family] of Object.entries(FAMILIES)) {
      if (only.length > 0 && !only.includes(name)) continue;
      const t0 = performance.now();
      log(`[faults] ${name}…`);
      families[name] = await family(env).catch((error: unknown) => {
        const failed = emptyResult();
        failed.notes.push(`the family stopped: ${errorText(error)}`);
        return failed;
      });
      const r = families[name];
      log(
        `[faults] ${name}: ${r.injected} injected, ${r.converged} converged, ${r.leftovers} leftovers, ${r.lostRows} lost rows (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
      );
    }
    // Whatever a family did, the suite's own cluster must end with no store at all.
    const suite = emptyResult();
    const left = [
      ...(owned ? await clusterLeftovers(env) : []),
      ...(await valuesFileLeftovers(since)),
    ];
    suite.leftovers = left.length;
    suite.notes = left.map((l) => `leftover: ${l}`);
    families['end-of-suite'] = suite;
  } finally {
    await standIn.close();
    await owned?.stop();
    await rm(workDir, { recursive: true, force: true });
  }
  const report: FaultReport = {
    families,
    totals: totals(families),
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
  };
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  const failedFamily = Object.values(families).some((r) =>
    r.notes.some((n) => n.startsWith('the family stopped')),
  );
  return report.totals.leftovers > 0 || report.totals.lostRows > 0 || failedFamily ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(describeError(error));
    process.exit(1);
  },
);
