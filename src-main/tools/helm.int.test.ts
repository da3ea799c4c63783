import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { HelmClient } from './helm';
import type { KubeTarget } from './helm';

const CHART = fileURLToPath(new URL('./testdata/tiny-chart', import.meta.url));

let dir: string;
let target: KubeTarget;
let helm: HelmClient;
let core: CoreV1Api;
const namespace = `helm-client-${randomBytes(3).toString('hex')}`;
const release = 'tiny';

async function valuesFile(name: string, content: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, content);
  return file;
}

async function configMapMessage(): Promise<string | undefined> {
  const cm = await core.readNamespacedConfigMap({ name: `${release}-settings`, namespace });
  return cm.data?.message;
}

beforeAll(async () => {
  const cluster = testCluster();
  dir = await mkdtemp(join(tmpdir(), 'storefleet-helm-'));
  target = { kubeconfig: cluster.kubeconfigPath, context: cluster.context };
  helm = new HelmClient({ helmPath: join(cluster.binDir, 'helm'), target });
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  kc.setCurrentContext(cluster.context);
  core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: namespace } } });
});

afterAll(async () => {
  await core?.deleteNamespace({ name: namespace }).catch(() => undefined);
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('HelmClient against the test cluster', () => {
  it('installs, upgrades, rolls back and uninstalls a release', async () => {
    await expect(helm.status(release, namespace)).resolves.toBeNull();

    await helm.upgradeInstall({
      release,
      namespace,
      chart: CHART,
      valuesFiles: [await valuesFile('one.yaml', 'message: one\n')],
    });
    await expect(helm.status(release, namespace)).resolves.toEqual({
      name: release,
      namespace,
      revision: 1,
      status: 'deployed',
    });
    expect(await configMapMessage()).toBe('one');

    await helm.upgradeInstall({
      release,
      namespace,
      chart: CHART,
      valuesFiles: [
        await valuesFile('base.yaml', 'message: base\nreplicas: 2\n'),
        await valuesFile('two.yaml', 'message: two\n'),
      ],
    });
    expect(await configMapMessage()).toBe('two');

    const history = await helm.history(release, namespace);
    expect(history.map((r) => [r.revision, r.status])).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
    expect(history[1]).toMatchObject({ chart: 'tiny-chart-0.1.0', appVersion: '1.0.0' });
    expect(history[1]?.description).toBe('Upgrade complete');

    await helm.rollback(release, namespace, 1);
    await expect(helm.status(release, namespace)).resolves.toMatchObject({
      revision: 3,
      status: 'deployed',
    });
    expect(await configMapMessage()).toBe('one');

    await helm.uninstall(release, namespace);
    await expect(helm.status(release, namespace)).resolves.toBeNull();
    // A second uninstall finds nothing and still succeeds.
    await expect(helm.uninstall(release, namespace)).resolves.toBeUndefined();
  });

  it('gives Helm the values named "-" on its standard input, merged in their place', async () => {
    await helm.upgradeInstall({
      release: 'stdin',
      namespace,
      chart: CHART,
      valuesFiles: [await valuesFile('under.yaml', 'message: file\n'), '-'],
      valuesYaml: 'message: from-stdin\n',
    });
    const cm = await core.readNamespacedConfigMap({ name: 'stdin-settings', namespace });
    expect(cm.data?.message).toBe('from-stdin');
    await expect(helm.getValues('stdin', namespace)).resolves.toEqual({ message: 'from-stdin' });
    await helm.uninstall('stdin', namespace);
  });

  it('refuses standard-input values that are not named exactly once', async () => {
    const refused = {
      code: 'failed',
      message:
        'Values for Helm\'s standard input must be named exactly once as "-" among the values files.',
    };
    await expect(
      helm.upgradeInstall({ release: 'stdin', namespace, chart: CHART, valuesFiles: ['-'] }),
    ).rejects.toMatchObject(refused);
    await expect(
      helm.upgradeInstall({
        release: 'stdin',
        namespace,
        chart: CHART,
        valuesFiles: [],
        valuesYaml: 'message: lost\n',
      }),
    ).rejects.toMatchObject(refused);
    await expect(helm.status('stdin', namespace)).resolves.toBeNull();
  });

  it('rejects values that break the chart schema and leaves the release as it was', async () => {
    await helm.upgradeInstall({
      release: 'schema',
      namespace,
      chart: CHART,
      valuesFiles: [await valuesFile('ok.yaml', 'message: fine\n')],
    });
    const bad = await valuesFile('bad.yaml', 'message: fine\nreplicas: -7\n');
    await expect(
      helm.upgradeInstall({ release: 'schema', namespace, chart: CHART, valuesFiles: [bad] }),
    ).rejects.toMatchObject({
      code: 'invalid-values',
      message:
        'The chart rejected its values at /replicas. Fix the values file or the store settings and try again.',
    });
    await expect(helm.status('schema', namespace)).resolves.toMatchObject({ revision: 1 });
    await helm.uninstall('schema', namespace);
  });

  it('scrubs secrets named by the caller from a failed upgrade', async () => {
    const secret = `pw-${randomBytes(8).toString('hex')}`;
    // The schema's pattern check makes Helm quote the offending value in its error.
    const bad = { valuesFiles: ['-'], valuesYaml: `message: x\ncode: "${secret}"\n` };
    const unscrubbed = helm.upgradeInstall({
      release: 'secret',
      namespace,
      chart: CHART,
      ...bad,
    });
    await expect(unscrubbed).rejects.toMatchObject({
      stderrTail: expect.stringContaining(secret) as unknown,
    });
    const failure = helm.upgradeInstall({
      release: 'secret',
      namespace,
      chart: CHART,
      ...bad,
      redact: [secret],
    });
    await expect(failure).rejects.toMatchObject({ code: 'invalid-values' });
    const error = (await failure.catch((e: unknown) => e)) as Error & { stderrTail: string };
    expect(error.stderrTail).toContain("at '/code': '***' does not match pattern");
    expect(`${error.message}\n${error.stderrTail}`).not.toContain(secret);
  });

  it('reports an unknown release for history and treats its uninstall as done', async () => {
    await expect(helm.history('never-installed', namespace)).rejects.toMatchObject({
      code: 'release-not-found',
      message: 'The Helm release was not found. It may have been deleted outside Storefleet.',
    });
    await expect(helm.uninstall('never-installed', namespace)).resolves.toBeUndefined();
  });

  it('maps a missing kube context to context-not-found, naming the context', async () => {
    const lost = new HelmClient({
      helmPath: join(testCluster().binDir, 'helm'),
      target: { ...target, context: 'k3d-does-not-exist' },
    });
    await expect(lost.status(release, namespace)).rejects.toMatchObject({
      code: 'context-not-found',
      message:
        'The kube context "k3d-does-not-exist" does not exist in the kubeconfig. Pick another context or check the KUBECONFIG files.',
      command: expect.stringContaining('--kube-context k3d-does-not-exist --kubeconfig') as unknown,
    });
  });

  it('refuses invalid names before running helm', async () => {
    await expect(
      helm.upgradeInstall({ release: '--dry-run', namespace, chart: CHART, valuesFiles: [] }),
    ).rejects.toMatchObject({
      code: 'failed',
      message: expect.stringMatching(/^"--dry-run" is not a valid Helm release name/) as unknown,
    });
    await expect(helm.rollback(release, namespace, 0)).rejects.toMatchObject({ code: 'failed' });
  });

  it('honours an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      helm.uninstall(release, namespace, { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
  });
});
