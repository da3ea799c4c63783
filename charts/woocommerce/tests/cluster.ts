// Helpers for the chart's integration tests on the test cluster: kubectl and helm from the
// toolchain, always with an explicit kubeconfig and context.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { execa } from 'execa';
import { testCluster } from '../../../test-rig/cluster/test-cluster';
import {
  CHART_DIR,
  helm,
  valuesArgs,
  withValuesFiles,
  type HelmResult,
  type Values,
} from './render';

export interface KubeList<T> {
  items: T[];
}

export interface KubeMeta {
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
}

function clusterArgs(): { kubeconfig: string; context: string } {
  const cluster = testCluster();
  return { kubeconfig: cluster.kubeconfigPath, context: cluster.context };
}

export async function kubectl(args: readonly string[], input?: string): Promise<HelmResult> {
  const { kubeconfig, context } = clusterArgs();
  const result = await execa(
    join(testCluster().binDir, 'kubectl'),
    ['--kubeconfig', kubeconfig, '--context', context, ...args],
    { reject: false, timeout: 90_000, ...(input === undefined ? { stdin: 'ignore' } : { input }) },
  );
  return { exitCode: result.exitCode ?? -1, stdout: result.stdout, stderr: result.stderr };
}

export async function kubectlOk(args: readonly string[], input?: string): Promise<string> {
  const result = await kubectl(args, input);
  if (result.exitCode !== 0) throw new Error(`kubectl ${args.join(' ')}: ${result.stderr.trim()}`);
  return result.stdout;
}

export async function getJson<T>(args: readonly string[]): Promise<T> {
  return JSON.parse(await kubectlOk(['get', ...args, '-o', 'json'])) as T;
}

export async function clusterHelm(args: readonly string[]): Promise<HelmResult> {
  const { kubeconfig, context } = clusterArgs();
  return helm([...args, '--kubeconfig', kubeconfig, '--kube-context', context]);
}

export async function clusterHelmOk(args: readonly string[]): Promise<string> {
  const result = await clusterHelm(args);
  if (result.exitCode !== 0)
    throw new Error(`helm ${args[0] ?? ''} exited ${result.exitCode}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** A namespace as the installer creates it: unique, labelled with the Pod Security level the chart meets. */
export async function createStoreNamespace(prefix: string): Promise<string> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`;
  await kubectlOk(['create', 'namespace', name]);
  await kubectlOk([
    'label',
    'namespace',
    name,
    'pod-security.kubernetes.io/enforce=baseline',
    'app.kubernetes.io/managed-by=storefleet',
  ]);
  return name;
}

export async function deleteNamespace(name: string, wait: boolean): Promise<void> {
  await kubectlOk([
    'delete',
    'namespace',
    name,
    '--ignore-not-found',
    `--wait=${wait}`,
    '--timeout=90s',
  ]);
}

/**
 * `helm upgrade --install` of the chart in `chartDir`; by default waiting for workloads and Jobs
 * as an operator would run it by hand, with `wait: false` returning at once as the installer runs
 * it. Each chart's tests install through it.
 */
export async function installChart(
  chartDir: string,
  release: string,
  namespace: string,
  valuesFile: string,
  values: readonly Values[],
  { wait = true }: { wait?: boolean } = {},
): Promise<HelmResult> {
  return withValuesFiles(values, (files) =>
    clusterHelm([
      'upgrade',
      '--install',
      release,
      chartDir,
      '--namespace',
      namespace,
      ...valuesArgs([valuesFile, ...files]),
      ...(wait ? ['--wait', '--wait-for-jobs', '--timeout', '60s'] : []),
    ]),
  );
}

/** installChart for one chart's folder. */
export function chartInstaller(
  chartDir: string,
): (
  release: string,
  namespace: string,
  valuesFile: string,
  values: readonly Values[],
  options?: { wait?: boolean },
) => Promise<HelmResult> {
  return (release, namespace, valuesFile, values, options = {}) =>
    installChart(chartDir, release, namespace, valuesFile, values, options);
}

/** `helm upgrade --install` of this chart (see installChart). */
export const installStore = chartInstaller(CHART_DIR);

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}
