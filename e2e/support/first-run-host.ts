// What the first-run specs that reach a store need besides the serve host: a kubeconfig that the
// stand-in k3d writes as its new `k3d-<name>` context (pointing at the test cluster's API
// server), and a STAND-IN of k3d's load balancer (a TCP forward from the host port the cluster
// was made on to the Store API stand-in), and a STAND-IN of get.helm.sh serving a small Helm
// archive with its published-style SHA-256.
import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { parse, stringify } from 'yaml';
import { helmAsset } from '../../src-main/tools/helm-release';

interface NamedEntry {
  name: string;
  [key: string]: unknown;
}

/**
 * The test cluster's kubeconfig as k3d would write it for cluster `__K3D_NAME__`: context and
 * cluster `k3d-<name>`, user `admin@k3d-<name>`, made the current context.
 */
export async function k3dKubeconfigTemplate(testKubeconfig: string): Promise<string> {
  const config = parse(await readFile(testKubeconfig, 'utf8')) as {
    clusters: NamedEntry[];
    users: NamedEntry[];
    contexts: { name: string; context: { cluster: string; user: string } }[];
    'current-context': string;
  };
  const current = config.contexts.find((c) => c.name === config['current-context']);
  const cluster = config.clusters.find((c) => c.name === current?.context.cluster);
  const user = config.users.find((u) => u.name === current?.context.user);
  if (!cluster || !user) throw new Error(`${testKubeconfig} has no current context to copy`);
  const name = 'k3d-__K3D_NAME__';
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ ...cluster, name }],
    users: [{ ...user, name: `admin@${name}` }],
    contexts: [{ name, context: { cluster: name, user: `admin@${name}` } }],
    'current-context': name,
    preferences: {},
  });
}

export interface LoadBalancerStandIn {
  connections(): number;
  close(): Promise<void>;
}

/** STAND-IN for k3d's serverlb on a host port: forwards each connection to `targetPort`. */
export async function startLoadBalancerStandIn(
  port: number,
  targetPort: number,
): Promise<LoadBalancerStandIn> {
  const sockets = new Set<Socket>();
  let connections = 0;
  const server = createServer((inbound) => {
    connections += 1;
    const outbound = connect(targetPort, '127.0.0.1');
    for (const s of [inbound, outbound]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => s.destroy());
    }
    inbound.pipe(outbound).pipe(inbound);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export interface HelmDownloadStandIn {
  /** the base URL to give STOREFLEET_HELM_DOWNLOAD_URL */
  url: string;
  /** the paths asked for, in order */
  requests: string[];
  archiveBytes: number;
  close(): Promise<void>;
}

/**
 * STAND-IN for get.helm.sh: the pinned release's archive for this system and its `.sha256sum`
 * (`<sha256>  <archive>`, as Helm publishes it). The archive holds a small `helm` that runs the
 * test toolchain's real Helm (`realHelm`), so stores can be installed with it afterwards, and 1.5 MB
 * of padding; it is sent in slow chunks so that the page shows the download's progress.
 */
export async function startHelmDownloadStandIn(realHelm: string): Promise<HelmDownloadStandIn> {
  const asset = helmAsset(process.platform, process.arch, { baseUrl: 'http://stand-in' });
  if (!asset || asset.format !== 'tar.gz') {
    throw new Error(`no tar.gz Helm archive for ${process.platform}-${process.arch}`);
  }
  const work = await mkdtemp(join(tmpdir(), 'storefleet-get-helm-'));
  const folder = join(work, 'tree', asset.folder);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, 'helm'), `#!/bin/sh\nexec '${realHelm}' "$@"\n`);
  await chmod(join(folder, 'helm'), 0o755);
  await writeFile(join(folder, 'README.md'), randomBytes(1_500_000));
  const archivePath = join(work, asset.archive);
  await execa('tar', ['-czf', archivePath, '-C', join(work, 'tree'), asset.folder]);
  const archive = await readFile(archivePath);
  const sum = createHash('sha256').update(archive).digest('hex');
  const requests: string[] = [];
  const CHUNK = 32 * 1024;
  const server = createHttpServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/${asset.archive}.sha256sum`) {
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`${sum}  ${asset.archive}\n`);
      return;
    }
    if (req.url !== `/${asset.archive}`) {
      res.writeHead(404).end('Not Found');
      return;
    }
    res.writeHead(200, {
      'content-type': 'application/gzip',
      'content-length': archive.length,
    });
    let offset = 0;
    const timer = setInterval(() => {
      if (res.destroyed) {
        clearInterval(timer);
        return;
      }
      res.write(archive.subarray(offset, offset + CHUNK));
      offset += CHUNK;
      if (offset >= archive.length) {
        clearInterval(timer);
        res.end();
      }
    }, 40);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    archiveBytes: archive.length,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await rm(work, { recursive: true, force: true });
    },
  };
}
