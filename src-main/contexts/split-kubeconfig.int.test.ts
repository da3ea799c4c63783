// A context in one KUBECONFIG file whose cluster and user live in another, against the real
// test cluster: the Kubernetes client, Helm and the probe all reach it through the merged files.
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { createKubeClients } from '../kube/client';
import type { KubeTarget } from '../kube/kube-target';
import { HelmClient } from '../tools/helm';
import { isToolError } from '../tools/tool-error';
import { ContextRegistry } from './context-registry';

const kubeconfigSchema = z.object({
  clusters: z.array(z.unknown()),
  users: z.array(z.unknown()),
  contexts: z.array(z.object({ name: z.string() }).passthrough()),
});

const userSchema = z.object({ user: z.record(z.string(), z.unknown()) });

let dir: string;
let contextFile: string;
let clusterFile: string;
let registry: ContextRegistry;
/** the user's credential strings, which no error may repeat */
let credentials: string[];

async function writePrivate(file: string, doc: unknown): Promise<void> {
  await writeFile(file, stringify(doc), { mode: 0o600 });
  await chmod(file, 0o600);
}

beforeAll(async () => {
  const cluster = testCluster();
  // Read only; the split copies go to a private temp directory.
  const original = kubeconfigSchema.parse(parse(await readFile(cluster.kubeconfigPath, 'utf8')));
  const context = original.contexts.find((c) => c.name === cluster.context);
  if (!context) throw new Error(`the test kubeconfig has no context ${cluster.context}`);

  credentials = original.users.flatMap((u) =>
    Object.values(userSchema.parse(u).user).filter((v): v is string => typeof v === 'string'),
  );

  dir = await mkdtemp(join(tmpdir(), 'storefleet-split-kubeconfig-'));
  contextFile = join(dir, 'contexts.yaml');
  clusterFile = join(dir, 'clusters.yaml');
  // File A: the context alone, and no current-context.
  await writePrivate(contextFile, { apiVersion: 'v1', kind: 'Config', contexts: [context] });
  // File B: the cluster and the user, and a current-context that leads nowhere, so anything
  // that fell back to the current context would fail.
  await writePrivate(clusterFile, {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: original.clusters,
    users: original.users,
    contexts: [{ name: 'decoy', context: { cluster: 'no-such-cluster', user: 'no-such-user' } }],
    'current-context': 'decoy',
  });
  registry = new ContextRegistry({
    env: { KUBECONFIG: [contextFile, clusterFile].join(delimiter) },
    home: dir,
  });
});

afterAll(async () => {
  registry?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a context split over two kubeconfig files, on the test cluster', () => {
  let target: KubeTarget;

  beforeAll(async () => {
    target = await registry.resolve(testCluster().context);
  });

  it('resolves to both files, context file first', () => {
    expect(target).toEqual({
      kubeconfig: [contextFile, clusterFile],
      context: testCluster().context,
    });
  });

  it('lets the Kubernetes client list namespaces', async () => {
    const kube = createKubeClients(target);
    const namespaces = await kube.core.listNamespace();
    expect(namespaces.items.map((ns) => ns.metadata?.name)).toContain('kube-system');
  });

  it('lets Helm reach the cluster and look a release up', async () => {
    const helm = new HelmClient({ helmPath: join(testCluster().binDir, 'helm'), target });
    await expect(helm.status('no-such-release', 'default')).resolves.toBeNull();
  });

  it('fails with the context file alone, as before merging', async () => {
    const helm = new HelmClient({
      helmPath: join(testCluster().binDir, 'helm'),
      target: { kubeconfig: contextFile, context: target.context },
    });
    const failure: unknown = await helm
      .status('no-such-release', 'default')
      .catch((error: unknown) => error);
    if (!isToolError(failure)) throw new Error('helm status did not fail with a ToolError');
    const said = `${failure.message}\n${failure.stderrTail}\n${failure.command}`;
    expect(credentials.length).toBeGreaterThan(0);
    for (const secret of credentials) expect(said.includes(secret)).toBe(false);
  });

  it('probes the context as reachable', async () => {
    await expect(registry.probe(target.context)).resolves.toMatchObject({
      context: target.context,
      reachable: true,
      error: null,
    });
  });
});
