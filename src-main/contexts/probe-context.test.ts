import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probeContext } from './probe-context';
import { closedPort, silentServer, writeKubeconfig } from './test-support/kubeconfig-files';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-probe-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('probeContext without a cluster', () => {
  it('reports a refused connection with the k3d command to start it', async () => {
    const port = await closedPort();
    const kubeconfig = await writeKubeconfig(dir, 'k3d.yaml', {
      context: 'k3d-shop',
      server: `https://127.0.0.1:${port}`,
      user: { token: 'abc' },
    });
    const probe = await probeContext({ kubeconfig, context: 'k3d-shop' });
    expect(probe).toMatchObject({
      context: 'k3d-shop',
      reachable: false,
      serverVersion: null,
      readyNodes: 0,
      traefik: false,
      error: `The cluster at https://127.0.0.1:${port} refused the connection. Is k3d running? Try \`k3d cluster start shop\`.`,
    });
    expect(Number.isNaN(Date.parse(probe.checkedAt))).toBe(false);
  });

  it('gives up on a server that never answers at the deadline', async () => {
    const silent = await silentServer();
    try {
      const kubeconfig = await writeKubeconfig(dir, 'hung.yaml', {
        context: 'minikube',
        server: `https://127.0.0.1:${silent.port}`,
        user: { token: 'abc' },
      });
      const started = Date.now();
      const probe = await probeContext({ kubeconfig, context: 'minikube' }, { timeoutMs: 500 });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(probe.error).toBe(
        `The cluster at https://127.0.0.1:${silent.port} did not answer within 0.5 s. Is minikube running? Try \`minikube start\`.`,
      );
    } finally {
      await silent.close();
    }
  });

  it('reports a host name that does not resolve', async () => {
    const kubeconfig = await writeKubeconfig(dir, 'dns.yaml', {
      context: 'prod',
      server: 'https://no-such-host.invalid:6443',
      user: { token: 'abc' },
    });
    const probe = await probeContext({ kubeconfig, context: 'prod' });
    expect(probe.error).toBe(
      'The cluster at https://no-such-host.invalid:6443 could not be found: its host name does not resolve. Check the server address in the kubeconfig and your network.',
    );
  });

  it('reports a credential plugin that is not installed', async () => {
    const kubeconfig = await writeKubeconfig(dir, 'exec.yaml', {
      context: 'eks-shop',
      server: 'https://127.0.0.1:1',
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: join(dir, 'aws-iam-authenticator'),
          args: ['token'],
        },
      },
    });
    const probe = await probeContext({ kubeconfig, context: 'eks-shop' });
    expect(probe.reachable).toBe(false);
    expect(probe.error).toBe(
      `The credential plugin \`${join(dir, 'aws-iam-authenticator')}\` named by context "eks-shop" is not installed. Install it or pick another context.`,
    );
  });

  it('reports a credential plugin that fails, with its first line', async () => {
    const kubeconfig = await writeKubeconfig(dir, 'exec-fail.yaml', {
      context: 'gke-shop',
      server: 'https://127.0.0.1:1',
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1beta1',
          command: 'sh',
          args: ['-c', 'echo "token has expired, run login" >&2; exit 1'],
        },
      },
    });
    const probe = await probeContext({ kubeconfig, context: 'gke-shop' });
    expect(probe.error).toBe(
      'Getting credentials for context "gke-shop" failed (token has expired, run login). Log in again with your cloud or cluster tool, or pick another context.',
    );
  });

  it('explains that a plain-HTTP server address is refused', async () => {
    const kubeconfig = await writeKubeconfig(dir, 'http.yaml', {
      context: 'proxy',
      server: 'http://127.0.0.1:8001',
      user: {},
    });
    const probe = await probeContext({ kubeconfig, context: 'proxy' });
    expect(probe.error).toBe(
      "The cluster at http://127.0.0.1:8001 is addressed over plain HTTP, which is only accepted with insecure-skip-tls-verify. Use the API server's https:// address.",
    );
  });

  it('reports a context that is not in the file', async () => {
    const kubeconfig = await writeKubeconfig(dir, 'one.yaml', {
      context: 'a',
      server: 'https://127.0.0.1:1',
      user: {},
    });
    const probe = await probeContext({ kubeconfig, context: 'b' });
    expect(probe.error).toBe(`The kube context "b" is not in ${kubeconfig}. Pick another context.`);
  });

  it('reports an unreadable kubeconfig', async () => {
    const probe = await probeContext({ kubeconfig: join(dir, 'missing.yaml'), context: 'a' });
    expect(probe.error).toBe(
      `The kubeconfig ${join(dir, 'missing.yaml')} could not be read. Check that it exists and is valid YAML.`,
    );
  });
});
