import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { createBaseline, waitForApiserver, waitForUsable } from './bootstrap';
import { Component, logTail, type ComponentSpec } from './component';
import { exitError } from './component-exit';
import {
  apiserverSpec,
  controllerManagerSpec,
  etcdSpec,
  kwokSpec,
  schedulerSpec,
  type Layout,
} from './components';
import { ClusterError } from './errors';
import { CONTEXT_NAME, writeKubeconfig } from './kubeconfig';
import { writeKwokLogsConfig } from './kwok-logs';
import {
  startLocalPathProvisionerStandIn,
  type ProvisionerStandIn,
} from './local-path-provisioner-stand-in';
import { generatePki } from './pki';
import { freePorts } from './ports';
import { startReaper } from './reaper';
import { assertBinaries, findToolchain } from './toolchain';
import type { StartClusterOptions, TestCluster } from './types';

export type { StartClusterOptions, TestCluster, TestClusterInfo } from './types';

const READY_TIMEOUT_MS = 90_000;

/**
 * Starts a real control plane (etcd, kube-apiserver, kube-controller-manager, kube-scheduler)
 * with kwok simulating two nodes and their pods, on loopback ports, all state in `dir`.
 * Every process is reaped when `stop()` runs or when this process dies, however it dies.
 */
export async function startCluster(opts: StartClusterOptions = {}): Promise<TestCluster> {
  const log = opts.log ?? (() => {});
  const warn = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const binDir = opts.binDir ?? (await findToolchain(log));
  await assertBinaries(binDir);
  const ownsDir = opts.dir === undefined;
  const dir = opts.dir ?? (await mkdtemp(join(tmpdir(), 'storefleet-cluster-')));
  await mkdir(join(dir, 'logs'), { recursive: true, mode: 0o700 });

  const pki = await generatePki(join(dir, 'pki'));
  const [etcdPort = 0, etcdPeerPort = 0, apiserverPort = 0, kwokPort = 0] = await freePorts(4);
  const server = `https://127.0.0.1:${apiserverPort}`;
  const kubeconfigs = {
    admin: join(dir, 'kubeconfig.yaml'),
    controllerManager: join(dir, 'pki', 'controller-manager.kubeconfig'),
    scheduler: join(dir, 'pki', 'scheduler.kubeconfig'),
  };
  await Promise.all([
    writeKubeconfig(kubeconfigs.admin, server, pki.ca.cert, pki.admin, 'storefleet-test-admin'),
    writeKubeconfig(
      kubeconfigs.controllerManager,
      server,
      pki.ca.cert,
      pki.controllerManager,
      'kube-controller-manager',
    ),
    writeKubeconfig(kubeconfigs.scheduler, server, pki.ca.cert, pki.scheduler, 'kube-scheduler'),
  ]);
  const layout: Layout = {
    binDir,
    dir,
    pki,
    etcdPort,
    etcdPeerPort,
    apiserverPort,
    kwokPort,
    kwokLogsConfig: await writeKwokLogsConfig(dir),
    kubeconfigs,
  };
  log(`[cluster] certificates and config ready (${elapsed()}), starting components in ${dir}`);

  const reaper = startReaper(ownsDir ? dir : undefined);
  const components: Component[] = [];
  let provisioner: ProvisionerStandIn | undefined;
  let stopping = false;
  const stop = async (keepFiles = false): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await provisioner?.stop().catch(() => {});
    // Clients first, storage last, so nothing logs errors about a vanished apiserver for long.
    await Promise.all(components.filter((c) => c.spec.name !== 'etcd').map((c) => c.stop()));
    await Promise.all(components.map((c) => c.stop()));
    reaper.release();
    if (ownsDir && !keepFiles) await rm(dir, { recursive: true, force: true });
  };

  let startedOk = false;
  let rejectStart: (error: ClusterError) => void = () => {};
  const failed = new Promise<never>((_, reject) => (rejectStart = reject));
  failed.catch(() => {});
  const launch = (spec: (l: Layout) => ComponentSpec): void => {
    const component = new Component(spec(layout), reaper);
    components.push(component);
    void component.exited.then(async (exit) => {
      if (stopping || component.isStopping) return;
      const error = await exitError(component, exit);
      if (!startedOk) rejectStart(error);
      else warn(`[cluster] ${component.spec.name} stopped unexpectedly: ${error.message}`);
    });
  };

  try {
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfigs.admin);
    const ready = (async () => {
      launch(etcdSpec);
      launch(apiserverSpec);
      await waitForApiserver(kc, READY_TIMEOUT_MS);
      log(`[cluster] apiserver ready (${elapsed()})`);
      // Started only now: the controller manager gives up if RBAC is not served within 10 s,
      // which a loaded 2-core machine can exceed.
      launch(controllerManagerSpec);
      launch(schedulerSpec);
      launch(kwokSpec);
      await createBaseline(kc);
      provisioner = await startLocalPathProvisionerStandIn(kc, join(dir, 'volumes'), log);
      await waitForUsable(kc, READY_TIMEOUT_MS);
    })();
    await Promise.race([ready, failed]);
    startedOk = true;
  } catch (error) {
    // Logs stay on disk so the failure can be read in full.
    await stop(true);
    if (error instanceof ClusterError) throw error;
    const tails = await Promise.all(
      components.map(async (c) =>
        (await logTail(c.spec.logFile, 5)).map((l) => `${c.spec.name}: ${l}`),
      ),
    );
    throw new ClusterError(
      `the test cluster did not become ready: ${error instanceof Error ? error.message : String(error)}`,
      `look at the component logs in ${join(dir, 'logs')}`,
      tails.flat(),
    );
  }
  log(`[cluster] ready at ${server} (${elapsed()})`);
  return {
    kubeconfigPath: kubeconfigs.admin,
    context: CONTEXT_NAME,
    binDir,
    dir,
    server,
    stop: () => stop(),
    apiserver: {
      // Stopped and started again on the same port with the same etcd, for fault injection.
      stop: async () => {
        await Promise.all(
          components.filter((c) => c.spec.name === 'kube-apiserver').map((c) => c.stop()),
        );
      },
      start: async () => {
        launch(apiserverSpec);
        const kc = new KubeConfig();
        kc.loadFromFile(kubeconfigs.admin);
        await waitForApiserver(kc, READY_TIMEOUT_MS);
      },
    },
  };
}
