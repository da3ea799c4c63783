// What the port-forward transport decides before any pod is reached: which pod and port a
// Service leads to, bad input, and an API server that refuses or never answers. The forward
// itself runs against the real API server and kwok in port-forward-transport.int.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { V1Pod, V1Service, V1ServicePort } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  containerPort,
  findServicePort,
  isReadyPod,
  pickForwardTarget,
  podSelector,
} from './port-forward-target';
import { portForwardTransport } from './port-forward-transport';
import { StorefrontError } from './storefront-error';

const httpPort: V1ServicePort = { name: 'http', port: 80, targetPort: 'http' };

function pod(
  name: string,
  o: { ready?: boolean; phase?: string; deleting?: boolean; portName?: string } = {},
): V1Pod {
  return {
    metadata: {
      name,
      ...(o.deleting ? { deletionTimestamp: new Date() } : {}),
    },
    spec: {
      containers: [
        { name: 'wordpress', ports: [{ name: o.portName ?? 'http', containerPort: 8080 }] },
      ],
    },
    status: {
      phase: o.phase ?? 'Running',
      conditions: [{ type: 'Ready', status: (o.ready ?? true) ? 'True' : 'False' }],
    },
  };
}

const service = (spec: V1Service['spec']): V1Service => ({ metadata: { name: 'shop' }, spec });
const what = 'service shop/shop-wordpress';
const pick = (port: V1ServicePort, pods: V1Pod[]) =>
  pickForwardTarget(port, pods, { what, selector: 'app=shop' });

describe('the pod and port behind a Service', () => {
  it('resolves a named targetPort to the container port of the first Ready pod by name', () => {
    expect(pick(httpPort, [pod('b'), pod('a', { ready: false }), pod('c')])).toEqual({
      pod: 'b',
      port: 8080,
    });
  });

  it('takes a numeric targetPort as it is, and the Service port when targetPort is unset', () => {
    expect(pick({ port: 80, targetPort: 9000 }, [pod('a')])).toEqual({ pod: 'a', port: 9000 });
    expect(pick({ port: 80 }, [pod('a')])).toEqual({ pod: 'a', port: 80 });
  });

  it('skips pods that are not Running, not Ready, or being deleted', () => {
    expect(isReadyPod(pod('a'))).toBe(true);
    expect(isReadyPod(pod('a', { ready: false }))).toBe(false);
    expect(isReadyPod(pod('a', { phase: 'Pending' }))).toBe(false);
    expect(isReadyPod(pod('a', { deleting: true }))).toBe(false);
  });

  it('skips a Ready pod without the named port for one that has it', () => {
    expect(containerPort(pod('a', { portName: 'web' }), httpPort)).toBeUndefined();
    expect(pick(httpPort, [pod('a', { portName: 'web' }), pod('b')])).toEqual({
      pod: 'b',
      port: 8080,
    });
  });

  it('names the service and its selector when no pod matches or none is Ready', () => {
    expect(() => pick(httpPort, [])).toThrow(
      'No Ready pod behind the service shop/shop-wordpress: no pod matches its selector app=shop',
    );
    const noneReady = () =>
      pick(httpPort, [pod('a', { ready: false }), pod('b', { deleting: true })]);
    expect(noneReady).toThrow(
      'No Ready pod behind the service shop/shop-wordpress: none of the 2 pods matching app=shop is Ready',
    );
    expect(noneReady).toThrow(
      expect.objectContaining({ stage: 'connect', code: 'ServiceUnavailable', status: null }),
    );
  });

  it('says so when no Ready pod has the named container port', () => {
    expect(() => pick(httpPort, [pod('a', { portName: 'web' })])).toThrow(
      'No Ready pod behind the service shop/shop-wordpress has a TCP container port named "http"',
    );
  });

  it('finds the Service port by name or number, TCP only', () => {
    const svc = service({
      selector: { app: 'shop' },
      ports: [httpPort, { name: 'dns', port: 53, protocol: 'UDP' }],
    });
    expect(findServicePort(svc, 'http', what)).toBe(httpPort);
    expect(findServicePort(svc, '80', what)).toBe(httpPort);
    expect(() => findServicePort(svc, 'https', what)).toThrow(
      'The service shop/shop-wordpress has no port "https" (it has http (80), dns (53))',
    );
    expect(() => findServicePort(svc, 'dns', what)).toThrow(/is UDP, and only TCP/);
  });

  it('needs a selector to find pods', () => {
    expect(podSelector(service({ selector: { app: 'shop', tier: 'web' } }), what)).toBe(
      'app=shop,tier=web',
    );
    expect(() => podSelector(service({ ports: [httpPort] }), what)).toThrow(
      'The service shop/shop-wordpress has no pod selector, so there is no pod to port-forward to',
    );
    expect(() => podSelector(service({ type: 'ExternalName' }), what)).toThrow(/ExternalName/);
  });
});

describe('portForwardTransport before any pod is reached', () => {
  let dir: string;
  let silent: { server: Server; sockets: Set<Socket>; port: number };

  function kubeconfig(server: string): string {
    const file = join(dir, 'kubeconfig.yaml');
    writeFileSync(
      file,
      [
        'apiVersion: v1',
        'kind: Config',
        'clusters: [{name: c, cluster: {server: "' +
          server +
          '", insecure-skip-tls-verify: true}}]',
        'users: [{name: u, user: {token: not-a-real-token}}]',
        'contexts: [{name: ctx, context: {cluster: c, user: u}}]',
        'current-context: ctx',
      ].join('\n'),
      { mode: 0o600 },
    );
    return file;
  }

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sf-pf-unit-'));
    const sockets = new Set<Socket>();
    // Accepts and never answers: an API server that hangs.
    const server = createServer((socket) => {
      sockets.add(socket);
      // Reading is how a socket learns that its peer hung up.
      socket.resume();
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    silent = { server, sockets, port: (server.address() as AddressInfo).port };
  });

  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    for (const socket of silent.sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.server.close(() => resolve()));
  });

  const storeUrl = 'http://shop.localhost';

  it('rejects names that are not DNS labels, bad ports and non-HTTP store URLs', () => {
    const kube = { kubeconfig: kubeconfig('https://127.0.0.1:1'), context: 'ctx' };
    expect(() => portForwardTransport(kube, 'Bad/NS', 'svc', 'http', { storeUrl })).toThrow(
      'namespace "Bad/NS" is not a valid DNS-1123 label',
    );
    expect(() => portForwardTransport(kube, 'ns', 'svc', 'no such port', { storeUrl })).toThrow(
      'service port "no such port" is neither a port name nor a number',
    );
    expect(() =>
      portForwardTransport(kube, 'ns', 'svc', 'http', { storeUrl: 'ftp://shop.localhost' }),
    ).toThrow('a store URL must start with http:// or https://, not ftp:');
  });

  it('explains an unknown context and an unreadable kubeconfig before sending anything', () => {
    const file = kubeconfig('https://127.0.0.1:1');
    expect(() =>
      portForwardTransport({ kubeconfig: file, context: 'nope' }, 'ns', 'svc', 'http', {
        storeUrl,
      }),
    ).toThrow(`The kubeconfig ${file} has no context named "nope"`);
    const missing = join(dir, 'missing.yaml');
    expect(() =>
      portForwardTransport({ kubeconfig: missing, context: 'ctx' }, 'ns', 'svc', 'http', {
        storeUrl,
      }),
    ).toThrow(expect.objectContaining({ stage: 'connect', code: 'kubeconfig' }));
  });

  it('reports an API server that refuses connections, naming it and the service', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const kube = { kubeconfig: kubeconfig(`https://127.0.0.1:${port}`), context: 'ctx' };
    const transport = portForwardTransport(kube, 'ns', 'svc', 'http', { storeUrl });
    const p = transport({ method: 'GET', path: '/', headers: {} });
    await expect(p).rejects.toBeInstanceOf(StorefrontError);
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'ECONNREFUSED' });
    await expect(p).rejects.toThrow(
      `Could not reach the Kubernetes API server at https://127.0.0.1:${port} to look up the service ns/svc`,
    );
  });

  it('gives up on an API server that never answers at its deadline, and hangs up on it', async () => {
    const kube = { kubeconfig: kubeconfig(`https://127.0.0.1:${silent.port}`), context: 'ctx' };
    const transport = portForwardTransport(kube, 'ns', 'svc', 'http', {
      storeUrl,
      timeoutMs: 400,
    });
    const p = transport({ method: 'GET', path: '/', headers: {} });
    await expect(p).rejects.toMatchObject({ stage: 'connect', code: 'timeout' });
    await expect(p).rejects.toThrow(
      `Could not look up the service ns/svc at https://127.0.0.1:${silent.port}: no answer in time`,
    );
    await expect.poll(() => silent.sockets.size, { timeout: 2000 }).toBe(0);
  });

  it('rejects with the cancel reason when aborted during the lookup, and hangs up', async () => {
    const kube = { kubeconfig: kubeconfig(`https://127.0.0.1:${silent.port}`), context: 'ctx' };
    const transport = portForwardTransport(kube, 'ns', 'svc', 'http', { storeUrl });
    const controller = new AbortController();
    const p = transport({ method: 'GET', path: '/', headers: {}, signal: controller.signal });
    await expect.poll(() => silent.sockets.size, { timeout: 2000 }).toBe(1);
    controller.abort(new Error('cancelled by the user'));
    await expect(p).rejects.toThrow('cancelled by the user');
    await expect.poll(() => silent.sockets.size, { timeout: 2000 }).toBe(0);
  });
});
