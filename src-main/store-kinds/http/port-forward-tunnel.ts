import { createServer, type AddressInfo, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { PortForward, type KubeConfig } from '@kubernetes/client-node';
import WebSocket, { type ClientOptions } from 'ws';
import { statusBody } from '../../kube/client';
import { plainText } from './html-text';

/** Why a forwarded connection did not reach the pod, as the API server or the node told it. */
export interface TunnelFailure {
  message: string;
  /** HTTP status of the API server's refusal, null when it came from the node or the socket */
  status: number | null;
  code: string | null;
}

export interface Tunnel {
  /** loopback port whose every connection is forwarded to the pod's port */
  port: number;
  /** the first failure on the way to the pod, or null */
  failure(): TunnelFailure | null;
  /** closes the listener, every forwarded connection and every WebSocket; idempotent */
  close(): Promise<void>;
}

const MAX_REFUSAL_BYTES = 64 * 1024;
/** The kubelet's port-forward WebSocket protocol: per port, a data and an error stream. */
const PORT_FORWARD_PROTOCOL = 'v4.channel.k8s.io';

function refusalFailure(status: number, body: string, where: string): TunnelFailure {
  const parsed = statusBody({ body });
  const said = plainText(parsed?.message ?? `HTTP ${status}`);
  const reason = parsed?.reason ?? (status === 403 ? 'Forbidden' : null);
  const hint =
    status === 403
      ? ' (the kubeconfig user needs "create" on pods/portforward in that namespace)'
      : '';
  return {
    message: `The cluster refused the port-forward to ${where}: ${said}${hint}`,
    status,
    code: reason,
  };
}

function socketFailure(error: unknown, where: string): TunnelFailure {
  const inner: unknown =
    error && typeof error === 'object' && 'error' in error ? error.error : undefined;
  const cause = inner instanceof Error ? inner : error;
  const message = cause instanceof Error ? cause.message : String(cause);
  const code =
    cause && typeof cause === 'object' && 'code' in cause && typeof cause.code === 'string'
      ? cause.code
      : null;
  return {
    message: `Could not open a port-forward to ${where}: ${message}`,
    status: null,
    code,
  };
}

/**
 * Listens on 127.0.0.1 (an ephemeral port) and forwards each connection to `port` of the pod
 * through the API server's pods/portforward (a WebSocket the node's kubelet serves inside the
 * pod's network namespace, so it works whichever node runs the pod and under any
 * NetworkPolicy). One WebSocket per connection; when either side ends, so does the other.
 */
export async function openTunnel(
  kc: KubeConfig,
  o: { namespace: string; pod: string; port: number },
): Promise<Tunnel> {
  const where = `pod ${o.namespace}/${o.pod} port ${o.port}`;
  const sockets = new Set<Socket>();
  const webSockets = new Set<WebSocket>();
  const wsClosed: Promise<void>[] = [];
  const pending = new Set<Promise<void>>();
  let failure: TunnelFailure | null = null;
  let closing = false;
  const fail = (f: TunnelFailure): void => {
    failure ??= f;
  };

  const openWebSocket = async (
    path: string,
    onBinary: ((stream: number, data: Buffer) => boolean) | null,
    client: Socket,
  ): Promise<WebSocket> => {
    const server = kc.getCurrentCluster()?.server ?? '';
    const options: ClientOptions = {};
    await kc.applyToHTTPSOptions(options);
    const ws = new WebSocket(
      `${server.replace(/^http/, 'ws').replace(/\/+$/, '')}${path}`,
      [PORT_FORWARD_PROTOCOL],
      options,
    );
    webSockets.add(ws);
    wsClosed.push(new Promise<void>((resolve) => ws.once('close', () => resolve())));
    ws.once('close', () => webSockets.delete(ws));
    // A client that hangs up ends its WebSocket, even one still in its handshake; after close()
    // began, a late WebSocket ends at once (close() awaits its opening).
    const hangUp = (): void => {
      if (ws.readyState === WebSocket.OPEN) ws.close();
      else ws.terminate();
    };
    if (closing || client.destroyed) hangUp();
    else client.once('close', hangUp);
    return new Promise<WebSocket>((resolve, reject) => {
      ws.once('open', () => resolve(ws));
      ws.on('error', (error) => reject(error));
      // The API server's refusal (RBAC, pod gone, node unreachable) is a Status object: read it
      // instead of ws's bare "Unexpected server response: 403", then end the handshake.
      ws.once('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_REFUSAL_BYTES) chunks.push(chunk);
        });
        const done = (): void => {
          fail(refusalFailure(res.statusCode ?? 0, Buffer.concat(chunks).toString('utf8'), where));
          ws.terminate();
        };
        res.once('end', done);
        res.once('error', done);
      });
      ws.on('message', (data: Buffer, isBinary: boolean) => {
        // Every port-forward message is binary: one byte of stream number, then the bytes.
        if (!isBinary || data.length < 1 || !onBinary) return;
        if (!onBinary(data.readUInt8(0), data.subarray(1))) ws.close();
      });
    });
  };

  const server = createServer((socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    sockets.add(socket);
    // The HTTP client on the other end sees the same failure; the tunnel reports why.
    socket.on('error', () => {});
    const nodeErrors = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        const text = chunk.toString('utf8').trim();
        if (text)
          fail({
            message: `The node could not forward to ${where}: ${text}`,
            status: null,
            code: 'PortForwardFailed',
          });
        callback();
      },
    });
    let clientGone = false;
    socket.once('close', () => {
      clientGone = true;
      sockets.delete(socket);
    });
    const forward = new PortForward(kc, true, {
      connect: (path, _onText, onBinary) => openWebSocket(path, onBinary, socket),
    });
    const opening = forward
      .portForward(o.namespace, o.pod, [o.port], socket, nodeErrors, socket)
      .then(
        (opened) => {
          const ws = typeof opened === 'function' ? opened() : opened;
          // The node closes the WebSocket once the pod's side of the connection is done.
          ws?.once('close', () => socket.end());
        },
        (error: unknown) => {
          // A client that hung up (cancel, deadline) ended the handshake itself: not a failure.
          if (!closing && !clientGone) fail(socketFailure(error, where));
          socket.destroy();
        },
      );
    pending.add(opening);
    void opening.finally(() => pending.delete(opening));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  let closed: Promise<void> | null = null;

  return {
    port,
    failure: () => failure,
    close: () => {
      closed ??= (async () => {
        closing = true;
        const listenerClosed = new Promise<void>((resolve) => server.close(() => resolve()));
        for (const socket of sockets) socket.destroy();
        for (const ws of webSockets) ws.terminate();
        // A WebSocket still being opened is terminated by the factory as soon as it exists.
        await Promise.all([listenerClosed, ...pending]);
        await Promise.all(wsClosed);
      })();
      return closed;
    },
  };
}
