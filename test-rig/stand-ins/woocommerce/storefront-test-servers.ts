// Real local servers for storefront tests (test infrastructure; never used by the product):
// a TCP front that, like a fresh k3d load balancer before Traefik serves, accepts connections and
// drops them before passing later ones on, and an HTTPS server with a self-signed certificate,
// like Traefik's default certificate before cert-manager has issued the real one.
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { selfSignedCertificate } from '../../cluster/pki';

export interface DroppingFront {
  port: number;
  /** connections dropped so far */
  dropped(): number;
  /** request lines (e.g. "POST /wp-json/wc/store/v1/checkout HTTP/1.1") of every connection */
  requests(): string[];
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

/**
 * A TCP front for `upstreamPort` that drops the first `dropFirst` connections, and every
 * connection whose request line matches `dropWhen`, after reading the request: `close` ends the
 * connection without an answer (Node: "socket hang up"), `reset` sends a TCP reset (ECONNRESET).
 * Other connections are passed on byte for byte.
 */
export async function startDroppingFront(o: {
  upstreamPort: number;
  dropFirst?: number;
  dropWhen?: RegExp;
  how?: 'close' | 'reset';
}): Promise<DroppingFront> {
  let toDrop = o.dropFirst ?? 0;
  let dropped = 0;
  const requests: string[] = [];
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    socket.once('data', (first: Buffer) => {
      const line = first.toString('latin1').split('\r\n', 1)[0] ?? '';
      requests.push(line);
      if (toDrop > 0 || o.dropWhen?.test(line)) {
        if (toDrop > 0) toDrop--;
        dropped++;
        if (o.how === 'reset') socket.resetAndDestroy();
        else socket.destroy();
        return;
      }
      const upstream = connect(o.upstreamPort, '127.0.0.1');
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => socket.destroy());
      upstream.write(first);
      socket.pipe(upstream).pipe(socket);
    });
  });
  const port = await listen(server);
  return {
    port,
    dropped: () => dropped,
    requests: () => [...requests],
    close: () => closeServer(server, sockets),
  };
}

export interface SelfSignedHttps {
  port: number;
  /** TLS handshakes attempted so far */
  handshakes(): number;
  close(): Promise<void>;
}

/** An HTTPS server whose certificate for `host` is self-signed, made by openssl for this run. */
export async function startSelfSignedHttps(host: string): Promise<SelfSignedHttps> {
  const { key, cert } = await selfSignedCertificate(host, `DNS:${host}`);
  let handshakes = 0;
  const sockets = new Set<Socket>();
  const server = createHttpsServer({ key, cert }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('[]');
  });
  server.on('connection', (socket: Socket) => {
    handshakes++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined);
  const port = await listen(server);
  return { port, handshakes: () => handshakes, close: () => closeServer(server, sockets) };
}
