import { spawn } from 'node:child_process';
import { appendFileSync, mkdirSync, openSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { clusterHome, isAlive, readState, writeState, type SupervisorState } from './cli-state';
import { describeError } from './errors';

// Usage: tsx test-rig/cluster/cli.ts up|down|status
// `up` leaves a detached supervisor running the cluster; `down` stops it and removes its dir.

const self = fileURLToPath(import.meta.url);
const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);

function printReady(state: SupervisorState): void {
  if (!state.cluster) return;
  say(`test cluster running at ${state.cluster.server} (supervisor pid ${state.pid})`);
  say(`kubeconfig: ${state.cluster.kubeconfigPath}`);
  say(`export KUBECONFIG=${state.cluster.kubeconfigPath}`);
  say(
    `reuse in integration tests: export STOREFLEET_TEST_CLUSTER_REUSE=${state.cluster.kubeconfigPath}`,
  );
}

async function up(dir: string): Promise<number> {
  const existing = await readState(dir);
  if (existing?.status === 'ready' && isAlive(existing.pid)) {
    printReady(existing);
    return 0;
  }
  if (existing && isAlive(existing.pid)) process.kill(existing.pid, 'SIGTERM');
  await rm(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  // Built here, in the foreground, so a long first build shows its progress.
  const { findToolchain } = await import('./toolchain');
  const binDir = await findToolchain(complain);
  const logFd = openSync(join(dir, 'supervisor.log'), 'a');
  const child = spawn(process.execPath, [...process.execArgv, self, 'supervise', dir, binDir], {
    detached: true,
    stdio: ['ignore', logFd, logFd],
  });
  child.unref();
  const abandon = () => child.pid && process.kill(child.pid, 'SIGTERM');
  process.once('SIGINT', abandon);
  say(`starting test cluster in ${dir} (log: ${join(dir, 'supervisor.log')})`);
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    const state = await readState(dir);
    if (state?.status === 'ready') {
      printReady(state);
      return 0;
    }
    if (state?.status === 'failed') {
      complain(state.error ?? 'test cluster: start failed');
      return 1;
    }
    if (child.exitCode !== null) break;
    await sleep(250);
  }
  abandon();
  complain(`test cluster: did not start; see ${join(dir, 'supervisor.log')}`);
  return 1;
}

async function supervise(dir: string, binDir: string): Promise<void> {
  const log = (line: string) => appendFileSync(join(dir, 'supervisor.log'), `${line}\n`);
  await writeState(dir, { pid: process.pid, status: 'starting' });
  // Loaded lazily: `down` and `status` should not pay for the Kubernetes client.
  const { startCluster } = await import('./cluster');
  const cluster = await startCluster({ dir, binDir, log }).catch(async (error: unknown) => {
    await writeState(dir, { pid: process.pid, status: 'failed', error: describeError(error) });
    process.exit(1);
  });
  const { kubeconfigPath, context, server } = cluster;
  await writeState(dir, {
    pid: process.pid,
    status: 'ready',
    cluster: { kubeconfigPath, context, binDir, server },
  });
  const shutdown = () => {
    log('[cluster] stopping');
    void cluster.stop().finally(() => process.exit(0));
  };
  for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(signal, shutdown);
  // The provisioner stand-in's watches keep the event loop, and so this supervisor, alive.
}

async function down(dir: string): Promise<number> {
  const state = await readState(dir);
  if (state && isAlive(state.pid)) {
    process.kill(state.pid, 'SIGTERM');
    const deadline = Date.now() + 15_000;
    while (isAlive(state.pid) && Date.now() < deadline) await sleep(200);
    if (isAlive(state.pid)) process.kill(state.pid, 'SIGKILL');
    say(`test cluster stopped (supervisor pid ${state.pid})`);
  } else {
    say('no test cluster was running');
  }
  await rm(dir, { recursive: true, force: true });
  return 0;
}

async function status(dir: string): Promise<number> {
  const state = await readState(dir);
  if (state?.status === 'ready' && isAlive(state.pid)) {
    printReady(state);
    return 0;
  }
  say('no test cluster is running (start one with `npm run cluster:up`)');
  return 1;
}

async function main(): Promise<number> {
  const [command, dirArg, binDir] = process.argv.slice(2);
  const dir = dirArg ?? clusterHome();
  switch (command) {
    case 'up':
      return up(dir);
    case 'down':
      return down(dir);
    case 'status':
      return status(dir);
    case 'supervise':
      await supervise(dir, binDir ?? '');
      return -1;
    default:
      complain('usage: tsx test-rig/cluster/cli.ts up|down|status');
      return 2;
  }
}

main().then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (error: unknown) => {
    complain(describeError(error));
    process.exit(1);
  },
);
