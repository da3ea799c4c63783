import type { Socket } from 'node:net';
import { createServer } from 'node:tls';
import { selfSignedCertificate } from '../cluster/pki';

export interface SilentStandIn {
  /** https://127.0.0.1:<port> */
  url: string;
  /** PEM of the self-signed certificate, for a kubeconfig's certificate-authority-data */
  caPem: string;
  /** connections it has accepted so far */
  accepted: () => number;
  close: () => Promise<void>;
}

/**
 * A stand-in for a hung Kubernetes API server: a real TLS server on loopback with a certificate
 * the client can verify, which completes every handshake and then never answers a request.
 */
export async function silentTlsStandIn(): Promise<SilentStandIn> {
  const { key, cert } = await selfSignedCertificate('127.0.0.1', 'IP:127.0.0.1');
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createServer({ key, cert }, (socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    // Reads the request so the client sees it sent, and answers nothing.
    socket.resume();
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = address !== null && typeof address === 'object' ? address.port : 0;
  return {
    url: `https://127.0.0.1:${port}`,
    caPem: cert,
    accepted: () => accepted,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
