// The tunnel's own bookkeeping against a peer that takes the WebSocket upgrade and never
// answers it (as a stuck API server would). Forwarding itself runs against the real API server
// and kwok in port-forward-transport.int.test.ts.
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openTunnel } from './port-forward-tunnel';

let silent: { server: Server; held: Set<Socket>; requests: IncomingMessage[]; port: number };

beforeEach(async () => {
  const held = new Set<Socket>();
  const requests: IncomingMessage[] = [];
  const server = createHttpServer();
  server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
    requests.push(req);
    held.add(socket);
    // The HTTP server keeps half-open sockets: end ours when the client hangs up.
    socket.resume();
    socket.on('end', () => socket.end());
    socket.on('close', () => held.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  silent = { server, held, requests, port: (server.address() as AddressInfo).port };
});

afterEach(async () => {
  for (const socket of silent.held) socket.destroy();
  await new Promise<void>((resolve) => silent.server.close(() => resolve()));
});

function kubeConfig(): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'c', server: `http://127.0.0.1:${silent.port}`, skipTLSVerify: true }],
    users: [{ name: 'u' }],
    contexts: [{ name: 'ctx', cluster: 'c', user: 'u' }],
    currentContext: 'ctx',
  });
  return kc;
}

async function clientThroughTunnel(port: number): Promise<Socket> {
  const client = connect(port, '127.0.0.1');
  client.on('error', () => {});
  await new Promise<void>((resolve) => client.once('connect', () => resolve()));
  await expect.poll(() => silent.held.size, { timeout: 3000 }).toBe(1);
  return client;
}

function refused(port: number): Promise<string> {
  return new Promise((resolve) => {
    const probe = connect(port, '127.0.0.1');
    probe.once('connect', () => {
      probe.destroy();
      resolve('connected');
    });
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

describe('openTunnel', () => {
  it("asks for the pod's port-forward with the kubelet's v4 channel protocol", async () => {
    const tunnel = await openTunnel(kubeConfig(), { namespace: 'shop', pod: 'wp-0', port: 8080 });
    const client = await clientThroughTunnel(tunnel.port);
    expect(silent.requests[0]?.url).toBe(
      '/api/v1/namespaces/shop/pods/wp-0/portforward?ports=8080',
    );
    expect(silent.requests[0]?.headers['sec-websocket-protocol']).toBe('v4.channel.k8s.io');
    client.destroy();
    await tunnel.close();
  });

  it('does not report a client that hung up during the handshake as a failure, and stops the handshake', async () => {
    const tunnel = await openTunnel(kubeConfig(), { namespace: 'shop', pod: 'wp-0', port: 8080 });
    const client = await clientThroughTunnel(tunnel.port);
    client.destroy();
    await expect.poll(() => silent.held.size, { timeout: 3000 }).toBe(0);
    expect(tunnel.failure()).toBeNull();
    await tunnel.close();
    expect(await refused(tunnel.port)).toBe('ECONNREFUSED');
  });

  it('close() ends a handshake in progress and the forwarded connection, and stops listening', async () => {
    const tunnel = await openTunnel(kubeConfig(), { namespace: 'shop', pod: 'wp-0', port: 8080 });
    const client = await clientThroughTunnel(tunnel.port);
    const clientClosed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    await tunnel.close();
    await clientClosed;
    await expect.poll(() => silent.held.size, { timeout: 3000 }).toBe(0);
    expect(await refused(tunnel.port)).toBe('ECONNREFUSED');
    await tunnel.close();
  });
});
