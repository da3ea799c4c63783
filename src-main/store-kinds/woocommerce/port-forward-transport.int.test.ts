// The port-forward transport against the test cluster: the real API server proxies
// pods/portforward to kwok as it would to a kubelet, and kwok forwards the pod's port to a
// server on this machine (kwok's PortForward object, test-rig/cluster/kwok-port-forward.ts).
// The store behind the pod is the local Store API stand-in, which routes by Host header.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CoreV1Api, KubeConfig, RbacAuthorizationV1Api, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  forwardPodPort,
  installKwokPortForwardCrd,
} from '../../../test-rig/cluster/kwok-port-forward';
import { testCluster } from '../../../test-rig/cluster/test-cluster';
import { waitFor } from '../../../test-rig/cluster/wait';
import { portForwardTransport } from '../http/port-forward-transport';
import { placeCodOrder } from './store-api-client';
import {
  startStoreApiStandIn,
  type StoreApiStandIn,
} from '../../../test-rig/stand-ins/woocommerce/store-api-stand-in';
import { StorefrontError } from '../http/storefront-error';
import { verifyStorefront } from './verify-storefront';

const run = promisify(execFile);
const cluster = testCluster();
const kube = { kubeconfig: cluster.kubeconfigPath, context: cluster.context };
const namespace = `sf-pf-${randomBytes(3).toString('hex')}`;
const host = 'pf-shop.localhost';
// Never dialled: the port-forward only takes its Host from it.
const storeUrl = `http://${host}`;
const apiserverPort = new URL(cluster.server).port;
const CONTAINER_PORT = 8080;

let kc: KubeConfig;
let core: CoreV1Api;
let standIn: StoreApiStandIn;
let stall: { server: Server; sockets: Set<Socket>; port: number };
let tempDir: string;

function pod(name: string, app: string, extra: Partial<NonNullable<V1Pod['spec']>> = {}): V1Pod {
  return {
    metadata: { name, labels: { app } },
    spec: {
      containers: [
        {
          name: 'wordpress',
          image: 'wordpress:6.8.3-apache',
          ports: [{ name: 'http', containerPort: CONTAINER_PORT }],
        },
      ],
      ...extra,
    },
  };
}

async function createService(name: string, app: string, targetPort: number | string) {
  await core.createNamespacedService({
    namespace,
    body: {
      metadata: { name },
      spec: { selector: { app }, ports: [{ name: 'http', port: 80, targetPort }] },
    },
  });
}

async function waitReady(name: string): Promise<void> {
  await waitFor(
    `pod ${namespace}/${name} to be Ready`,
    async () => {
      const p = await core.readNamespacedPod({ name, namespace });
      const ready = p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
      return ready ? true : undefined;
    },
    60_000,
    200,
  );
}

/** This process's listening sockets and its TCP connections to the API server, from `ss`. */
async function tcpOfThisProcess(): Promise<{ listening: string[]; toApiserver: number }> {
  const mine = (line: string) => line.includes(`pid=${process.pid},`);
  const listening = (await run('ss', ['-Hltnp'])).stdout
    .split('\n')
    .filter(mine)
    .map((line) => line.trim().split(/\s+/)[3] ?? '')
    .sort();
  const connected = (await run('ss', ['-Htnp', 'state', 'established'])).stdout
    .split('\n')
    .filter(mine)
    .filter((line) => (line.trim().split(/\s+/)[3] ?? '').endsWith(`:${apiserverPort}`));
  return { listening, toApiserver: connected.length };
}

/** The transport left nothing behind: no listener, no connection to the API server. */
async function expectNothingLeft(listeningBefore: string[]): Promise<void> {
  expect((await tcpOfThisProcess()).listening).toEqual(listeningBefore);
  await waitFor(
    'no connection from this process to the API server',
    async () => ((await tcpOfThisProcess()).toApiserver === 0 ? true : undefined),
    5_000,
  );
}

async function tokenKubeconfig(serviceAccount: string): Promise<string> {
  await core.createNamespacedServiceAccount({
    namespace,
    body: { metadata: { name: serviceAccount } },
  });
  const token = await core.createNamespacedServiceAccountToken({
    name: serviceAccount,
    namespace,
    body: { spec: { audiences: [], expirationSeconds: 600 } },
  });
  const clusterEntry = kc.getCurrentCluster();
  if (!clusterEntry || !token.status?.token) throw new Error('no cluster entry or no token');
  const limited = new KubeConfig();
  limited.loadFromOptions({
    clusters: [clusterEntry],
    users: [{ name: serviceAccount, token: token.status.token }],
    contexts: [{ name: serviceAccount, cluster: clusterEntry.name, user: serviceAccount }],
    currentContext: serviceAccount,
  });
  const path = join(tempDir, `${serviceAccount}.kubeconfig`);
  writeFileSync(path, limited.exportConfig(), { mode: 0o600 });
  return path;
}

function cartRequest(signal?: AbortSignal) {
  return { method: 'GET' as const, path: '/wp-json/wc/store/v1/cart', headers: {}, signal };
}

beforeAll(async () => {
  kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  kc.setCurrentContext(cluster.context);
  core = kc.makeApiClient(CoreV1Api);
  tempDir = mkdtempSync(join(tmpdir(), 'sf-pf-'));
  await installKwokPortForwardCrd(kc);

  standIn = await startStoreApiStandIn();
  standIn.addStore(host);
  const sockets = new Set<Socket>();
  const stallServer = createServer((socket) => {
    sockets.add(socket);
    socket.resume();
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => stallServer.listen(0, '127.0.0.1', resolve));
  stall = { server: stallServer, sockets, port: (stallServer.address() as AddressInfo).port };

  await core.createNamespace({ body: { metadata: { name: namespace } } });
  await Promise.all([
    core.createNamespacedPod({ namespace, body: pod('shop-wordpress-0', 'shop') }),
    core.createNamespacedPod({ namespace, body: pod('stall-0', 'stall') }),
    // Never scheduled: no node has this label.
    core.createNamespacedPod({
      namespace,
      body: pod('idle-0', 'idle', { nodeSelector: { 'storefleet.test/no-such-node': 'true' } }),
    }),
    createService('shop-wordpress', 'shop', 'http'),
    createService('shop-other-port', 'shop', 9090),
    createService('stall', 'stall', 'http'),
    createService('idle', 'idle', 'http'),
    forwardPodPort(kc, {
      namespace,
      pod: 'shop-wordpress-0',
      podPort: CONTAINER_PORT,
      target: { address: '127.0.0.1', port: standIn.port },
    }),
    forwardPodPort(kc, {
      namespace,
      pod: 'stall-0',
      podPort: CONTAINER_PORT,
      target: { address: '127.0.0.1', port: stall.port },
    }),
  ]);
  await Promise.all([waitReady('shop-wordpress-0'), waitReady('stall-0')]);
  // kwok learns of PortForward objects through a watch; a CRD created after kwok started is
  // seen at its next retry of the list (up to a minute later). Any HTTP answer will do here.
  const probe = portForwardTransport(kube, namespace, 'shop-wordpress', 'http', { storeUrl });
  await waitFor(
    'kwok to forward the pod port to the Store API stand-in',
    async () => ((await probe(cartRequest())).status > 0 ? true : undefined),
    120_000,
    500,
  );
});

afterAll(async () => {
  rmSync(tempDir, { recursive: true, force: true });
  await standIn?.close();
  for (const socket of stall?.sockets ?? []) socket.destroy();
  await new Promise<void>((resolve) => (stall ? stall.server.close(() => resolve()) : resolve()));
  await core.deleteNamespace({ name: namespace });
});

describe('portForwardTransport on the test cluster (pods simulated by kwok)', () => {
  it('places a COD order with the Store API stand-in behind the Ready pod (routed by the public Host it sends) and leaves nothing open', async () => {
    const before = (await tcpOfThisProcess()).listening;
    const transport = portForwardTransport(kube, namespace, 'shop-wordpress', 'http', {
      storeUrl,
    });
    const order = await placeCodOrder(transport, { sku: 'storefleet-demo' });
    expect(order).toMatchObject({ status: 'processing', totalMinor: '1000' });
    expect(standIn.orders(host).map((o) => o.id)).toContain(order.orderId);
    await expectNothingLeft(before);
  });

  it("verifyStorefront falls back to it when the store's URL refuses connections, and places the order", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const ordersBefore = standIn.orders(host).length;
    const result = await verifyStorefront({
      url: `http://${host}:${port}`,
      kube,
      namespace,
      service: 'shop-wordpress',
      servicePort: 'http',
      timeoutMs: 30_000,
    });
    expect(result.status).toBe('processing');
    expect(standIn.orders(host).map((o) => o.id)).toContain(result.orderId);
    expect(standIn.orders(host)).toHaveLength(ordersBefore + 1);
  });

  it('names the service when no pod behind it is Ready', async () => {
    const transport = portForwardTransport(kube, namespace, 'idle', 'http', { storeUrl });
    const p = transport(cartRequest());
    await expect(p).rejects.toBeInstanceOf(StorefrontError);
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'ServiceUnavailable' });
    await expect(p).rejects.toThrow(
      `No Ready pod behind the service ${namespace}/idle: none of the 1 pod matching app=idle is Ready`,
    );
  });

  it('passes on what the node said when the pod port has no forward', async () => {
    const transport = portForwardTransport(kube, namespace, 'shop-other-port', 'http', {
      storeUrl,
    });
    const p = transport(cartRequest());
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'PortForwardFailed' });
    await expect(p).rejects.toThrow(
      new RegExp(
        `^The node could not forward to pod ${namespace}/shop-wordpress-0 port 9090: .*9090`,
      ),
    );
  });

  it('names a Service that does not exist', async () => {
    const transport = portForwardTransport(kube, namespace, 'no-such-service', 'http', {
      storeUrl,
    });
    const p = transport(cartRequest());
    await expect(p).rejects.toMatchObject({ stage: 'connect', status: 404, code: 'NotFound' });
    await expect(p).rejects.toThrow(/services "no-such-service" not found/);
  });

  it('stops on abort mid-request and closes the listener and the WebSocket', async () => {
    const before = (await tcpOfThisProcess()).listening;
    const transport = portForwardTransport(kube, namespace, 'stall', 'http', { storeUrl });
    const controller = new AbortController();
    const p = transport(cartRequest(controller.signal));
    p.catch(() => {});
    await waitFor(
      'the request to reach the pod',
      () => Promise.resolve(stall.sockets.size > 0 ? true : undefined),
      30_000,
    );
    controller.abort(new Error('stopped by the user'));
    await expect(p).rejects.toThrow('stopped by the user');
    await expectNothingLeft(before);
    // The simulated pod hangs up too, so the next test starts clean.
    for (const socket of stall.sockets) socket.destroy();
  });

  it('gives up after its deadline with a connect error and leaves nothing open', async () => {
    const before = (await tcpOfThisProcess()).listening;
    const transport = portForwardTransport(kube, namespace, 'stall', 'http', {
      storeUrl,
      timeoutMs: 1500,
    });
    const p = transport(cartRequest());
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'timeout' });
    await expect(p).rejects.toThrow(/no answer in time/);
    await expectNothingLeft(before);
    for (const socket of stall.sockets) socket.destroy();
  });

  it('explains a user that may look the pod up but not port-forward to it', async () => {
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createNamespacedRole({
      namespace,
      body: {
        metadata: { name: 'look-only' },
        rules: [
          { apiGroups: [''], resources: ['services'], verbs: ['get'] },
          { apiGroups: [''], resources: ['pods'], verbs: ['list'] },
        ],
      },
    });
    await rbac.createNamespacedRoleBinding({
      namespace,
      body: {
        metadata: { name: 'look-only' },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'look-only' },
        subjects: [{ kind: 'ServiceAccount', name: 'looker', namespace }],
      },
    });
    const path = await tokenKubeconfig('looker');
    const transport = portForwardTransport(
      { kubeconfig: path, context: 'looker' },
      namespace,
      'shop-wordpress',
      'http',
      { storeUrl },
    );
    const p = transport(cartRequest());
    await expect(p).rejects.toMatchObject({ stage: 'connect', status: 403, code: 'Forbidden' });
    await expect(p).rejects.toThrow(
      new RegExp(
        `^The cluster refused the port-forward to pod ${namespace}/shop-wordpress-0 port ${CONTAINER_PORT}: .*forbidden.*pods/portforward`,
      ),
    );
  });

  it('explains a user that may not even read the Service', async () => {
    const path = await tokenKubeconfig('nobody');
    const transport = portForwardTransport(
      { kubeconfig: path, context: 'nobody' },
      namespace,
      'shop-wordpress',
      'http',
      { storeUrl },
    );
    const p = transport(cartRequest());
    await expect(p).rejects.toMatchObject({ stage: 'connect', status: 403, code: 'Forbidden' });
    await expect(p).rejects.toThrow(
      `The cluster refused to look up the service ${namespace}/shop-wordpress: services "shop-wordpress" is forbidden`,
    );
  });
});
