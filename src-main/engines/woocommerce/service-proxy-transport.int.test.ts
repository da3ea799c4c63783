// The service-proxy transport against the real API server of the test cluster. Pods are
// simulated there and serve no traffic, so the proof is the API server's own proxy answer
// (no endpoints), reached with the kubeconfig's TLS and credentials.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testCluster } from '../../../scripts/cluster/test-cluster';
import { createWoocommerceDriver } from './driver';
import { serviceProxyTransport } from './service-proxy-transport';
import { placeCodOrder } from './store-api-client';
import { StorefrontError } from './storefront-error';

const cluster = testCluster();
const kube = { kubeconfig: cluster.kubeconfigPath, context: cluster.context };
const namespace = `sf-proxy-${randomBytes(3).toString('hex')}`;
const service = 'shop-wordpress';
let core: CoreV1Api;
let tempDir: string;

beforeAll(async () => {
  const kc = new KubeConfig();
  kc.loadFromFile(cluster.kubeconfigPath);
  kc.setCurrentContext(cluster.context);
  core = kc.makeApiClient(CoreV1Api);
  tempDir = mkdtempSync(join(tmpdir(), 'sf-proxy-'));
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  await core.createNamespacedService({
    namespace,
    body: {
      metadata: { name: service },
      spec: {
        selector: { app: 'no-such-pod' },
        ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      },
    },
  });
});

afterAll(async () => {
  rmSync(tempDir, { recursive: true, force: true });
  await core.deleteNamespace({ name: namespace });
});

describe('serviceProxyTransport on the test cluster', () => {
  it('reaches the API server proxy with credentials and reports "no endpoints" as a connect failure', async () => {
    const transport = serviceProxyTransport(kube, namespace, service, 'http');
    const p = transport({ method: 'GET', path: '/wp-json/wc/store/v1/cart', headers: {} });
    await expect(p).rejects.toBeInstanceOf(StorefrontError);
    await expect(p).rejects.toMatchObject({
      stage: 'connect',
      status: 503,
      code: 'ServiceUnavailable',
    });
    await expect(p).rejects.toThrow(
      `The cluster could not pass the request on to service ${namespace}/${service}:http: no endpoints available for service "${service}" (ServiceUnavailable)`,
    );
  });

  it('is refused without the kubeconfig credentials, so the first answer was authenticated', async () => {
    const kc = new KubeConfig();
    kc.loadFromFile(cluster.kubeconfigPath);
    const server = kc.getCluster(kc.getContextObject(cluster.context)?.cluster ?? '');
    if (!server) throw new Error('test cluster kubeconfig has no cluster');
    const anonymous = new KubeConfig();
    anonymous.loadFromOptions({
      clusters: [server],
      users: [{ name: 'nobody' }],
      contexts: [{ name: 'anon', cluster: server.name, user: 'nobody' }],
      currentContext: 'anon',
    });
    const path = join(tempDir, 'anonymous.kubeconfig');
    writeFileSync(path, anonymous.exportConfig(), { mode: 0o600 });
    const transport = serviceProxyTransport(
      { kubeconfig: path, context: 'anon' },
      namespace,
      service,
      'http',
    );
    const p = transport({ method: 'GET', path: '/', headers: {} });
    await expect(p).rejects.toMatchObject({ stage: 'connect' });
    await expect(p).rejects.toSatisfy((e: StorefrontError) => e.status === 401 || e.status === 403);
  });

  it('names a Service that does not exist', async () => {
    const transport = serviceProxyTransport(kube, namespace, 'no-such-service', 'http');
    const p = transport({ method: 'GET', path: '/', headers: {} });
    await expect(p).rejects.toMatchObject({ stage: 'connect', status: 404, code: 'NotFound' });
    await expect(p).rejects.toThrow(/services "no-such-service" not found/);
  });

  it('passes the API server refusal through the Store API client unchanged', async () => {
    const transport = serviceProxyTransport(kube, namespace, service, 'http');
    await expect(placeCodOrder(transport, { sku: 'storefleet-demo' })).rejects.toMatchObject({
      stage: 'connect',
      status: 503,
      code: 'ServiceUnavailable',
    });
  });

  it('is where verify() goes when the store URL refuses connections', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const p = createWoocommerceDriver().verify({
      url: `http://proxy-check.localhost:${port}`,
      kube,
      namespace,
      service,
      servicePort: 'http',
      // "no endpoints" is retried as a store warming up; keep the wait short here
      timeoutMs: 2500,
    });
    await expect(p).rejects.toMatchObject({ stage: 'connect', status: 503 });
    await expect(p).rejects.toThrow(
      /no endpoints available for service "shop-wordpress" \(ServiceUnavailable\)\. \(Tried through the cluster's service proxy because could not reach the store at http:\/\/proxy-check\.localhost:\d+: nothing is listening there/,
    );
  });

  it('explains an unknown context before sending anything', () => {
    expect(() =>
      serviceProxyTransport({ ...kube, context: 'no-such-context' }, namespace, service, 'http'),
    ).toThrow(`The kubeconfig ${cluster.kubeconfigPath} has no context named "no-such-context"`);
  });

  it('rejects names that are not DNS labels', () => {
    expect(() => serviceProxyTransport(kube, 'Bad/NS', service, 'http')).toThrow(
      /namespace "Bad\/NS" is not a valid DNS-1123 label/,
    );
  });
});
