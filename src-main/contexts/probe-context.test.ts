import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probeContext } from './probe-context';
import {
  closedPort,
  silentServer,
  writeKubeconfig,
} from '../../test-rig/contexts/kubeconfig-files';
import { silentTlsStandIn } from '../../test-rig/contexts/silent-api-server';
import { standInK3sApiServer } from '../../test-rig/contexts/stand-in-api-server';

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

describe('probeContext warns about credentials sent unprotected', () => {
  const TOKEN = 'secret-token-value';

  it('warns that a token goes over plain http:// to a server it reaches', async () => {
    const api = await standInK3sApiServer();
    try {
      const kubeconfig = await writeKubeconfig(dir, 'http-token.yaml', {
        context: 'plain',
        server: api.url,
        // client-node sends to http:// only with this flag; kubectl and Helm send it regardless.
        cluster: { 'insecure-skip-tls-verify': true },
        user: { token: TOKEN },
      });
      const probe = await probeContext({ kubeconfig, context: 'plain' });
      expect(probe.reachable).toBe(true);
      expect(probe.warnings).toEqual([
        `The kube context "plain" sends its token to ${api.url} unencrypted: anyone on the network path can read and reuse it. Use the cluster's https:// address.`,
      ]);
      expect(JSON.stringify(probe)).not.toContain(TOKEN);
    } finally {
      await api.close();
    }
  });

  it('warns about a token for an http:// server even when the server is down', async () => {
    const port = await closedPort();
    const kubeconfig = await writeKubeconfig(dir, 'http-down.yaml', {
      context: 'plain',
      server: `http://127.0.0.1:${port}`,
      user: { token: TOKEN },
    });
    const probe = await probeContext({ kubeconfig, context: 'plain' });
    expect(probe.reachable).toBe(false);
    expect(probe.warnings).toEqual([
      `The kube context "plain" sends its token to http://127.0.0.1:${port} unencrypted: anyone on the network path can read and reuse it. Use the cluster's https:// address.`,
    ]);
  });

  it('warns that a user name and password go over plain http://', async () => {
    const api = await standInK3sApiServer();
    try {
      const kubeconfig = await writeKubeconfig(dir, 'http-basic.yaml', {
        context: 'plain',
        server: api.url,
        cluster: { 'insecure-skip-tls-verify': true },
        user: { username: 'admin', password: 'hunter2-password' },
      });
      const probe = await probeContext({ kubeconfig, context: 'plain' });
      expect(probe.warnings).toEqual([
        `The kube context "plain" sends its user name and password to ${api.url} unencrypted: anyone on the network path can read and reuse it. Use the cluster's https:// address.`,
      ]);
      expect(JSON.stringify(probe)).not.toContain('hunter2-password');
    } finally {
      await api.close();
    }
  });

  it('warns that insecure-skip-tls-verify hands a token to whoever answers', async () => {
    const port = await closedPort();
    const kubeconfig = await writeKubeconfig(dir, 'skip-tls.yaml', {
      context: 'vps',
      server: `https://127.0.0.1:${port}`,
      cluster: { 'insecure-skip-tls-verify': true },
      user: { token: TOKEN },
    });
    const probe = await probeContext({ kubeconfig, context: 'vps' });
    expect(probe.warnings).toEqual([
      `The kube context "vps" skips TLS verification (insecure-skip-tls-verify), so its token goes to whoever answers at https://127.0.0.1:${port}, unchecked. Set the cluster's certificate-authority-data instead.`,
    ]);
  });

  it('counts a token from an exec plugin as a token', async () => {
    const port = await closedPort();
    const kubeconfig = await writeKubeconfig(dir, 'skip-tls-exec.yaml', {
      context: 'vps',
      server: `https://127.0.0.1:${port}`,
      cluster: { 'insecure-skip-tls-verify': true },
      user: { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'false' } },
    });
    const probe = await probeContext({ kubeconfig, context: 'vps' });
    expect(probe.warnings?.[0]).toContain('skips TLS verification');
  });

  it('warns about nothing for a token over verified TLS', async () => {
    const server = await silentTlsStandIn();
    try {
      const kubeconfig = await writeKubeconfig(dir, 'tls.yaml', {
        context: 'vps',
        server: server.url,
        cluster: { 'certificate-authority-data': Buffer.from(server.caPem).toString('base64') },
        user: { token: TOKEN },
      });
      const probe = await probeContext({ kubeconfig, context: 'vps' }, { timeoutMs: 300 });
      expect(probe.reachable).toBe(false);
      expect(probe.warnings).toBeUndefined();
    } finally {
      await server.close();
    }
  });

  it('warns about nothing over http:// when no credential is sent (kubectl proxy)', async () => {
    const kubeconfig = await writeKubeconfig(dir, 'proxy.yaml', {
      context: 'proxy',
      server: 'http://127.0.0.1:8001',
      user: {},
    });
    const probe = await probeContext({ kubeconfig, context: 'proxy' });
    expect(probe.warnings).toBeUndefined();
  });
});
