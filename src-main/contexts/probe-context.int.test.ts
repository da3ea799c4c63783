import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { z } from 'zod';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { probeContext } from './probe-context';
import { closedPort, writeKubeconfig } from '../../test-rig/contexts/kubeconfig-files';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-probe-int-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const clusterCa = z.object({
  clusters: z.array(z.object({ cluster: z.object({ 'certificate-authority-data': z.string() }) })),
});

describe('probeContext against the test cluster', () => {
  it('reports version, Ready nodes, the default StorageClass and Traefik', async () => {
    const cluster = testCluster();
    const started = Date.now();
    const probe = await probeContext({
      kubeconfig: cluster.kubeconfigPath,
      context: cluster.context,
    });
    const elapsed = Date.now() - started;
    expect(probe).toMatchObject({
      context: cluster.context,
      reachable: true,
      error: null,
      serverVersion: 'v1.36.3',
      readyNodes: 2,
      totalNodes: 2,
      defaultStorageClass: 'local-path',
      traefik: true,
    });
    expect(probe.ingressClasses).toContain('traefik');
    expect(probe.warnings).toBeUndefined();
    expect(elapsed).toBeLessThan(5_000);
  });

  it('reports a closed port as unreachable with one sentence', async () => {
    const port = await closedPort();
    const kubeconfig = await writeKubeconfig(dir, 'closed.yaml', {
      context: 'k3d-gone',
      server: `https://127.0.0.1:${port}`,
      user: { token: 'abc' },
    });
    const probe = await probeContext({ kubeconfig, context: 'k3d-gone' });
    expect(probe.reachable).toBe(false);
    expect(probe.error).toBe(
      `The cluster at https://127.0.0.1:${port} refused the connection. Is k3d running? Try \`k3d cluster start gone\`.`,
    );
  });

  it('reports an invalid token as rejected credentials', async () => {
    const cluster = testCluster();
    const original = clusterCa.parse(parse(await readFile(cluster.kubeconfigPath, 'utf8')));
    const ca = original.clusters[0]?.cluster['certificate-authority-data'];
    const kubeconfig = await writeKubeconfig(dir, 'bad-token.yaml', {
      context: 'k3d-shop',
      server: cluster.server,
      cluster: { 'certificate-authority-data': ca },
      user: { token: 'not-a-valid-token' },
    });
    const probe = await probeContext({ kubeconfig, context: 'k3d-shop' });
    expect(probe).toMatchObject({ reachable: false, serverVersion: null });
    expect(probe.error).toBe(
      `The cluster at ${cluster.server} rejected the credentials in the kubeconfig (401 Unauthorized). Refresh them with \`k3d kubeconfig merge shop\` or pick another context.`,
    );
    expect(probe.error).not.toContain('not-a-valid-token');
    // A token over verified TLS is the normal case: nothing to warn about.
    expect(probe.warnings).toBeUndefined();
  });

  it('reports a certificate the kubeconfig does not trust', async () => {
    const cluster = testCluster();
    const kubeconfig = await writeKubeconfig(dir, 'no-ca.yaml', {
      context: 'recreated',
      server: cluster.server,
      user: { token: 'abc' },
    });
    const probe = await probeContext({ kubeconfig, context: 'recreated' });
    expect(probe.reachable).toBe(false);
    expect(probe.error).toMatch(
      new RegExp(
        `^The cluster at ${cluster.server.replace(/\./g, '\\.')} presented a certificate the kubeconfig does not trust \\(\\w+\\)\\.`,
      ),
    );
  });
});
