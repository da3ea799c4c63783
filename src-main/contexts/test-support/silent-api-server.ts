import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:tls';

export interface SilentStandIn {
  /** https://127.0.0.1:<port> */
  url: string;
  /** PEM of the self-signed certificate, for a kubeconfig's certificate-authority-data */
  caPem: string;
  /** connections it has accepted so far */
  accepted: () => number;
  close: () => Promise<void>;
}

/** A self-signed certificate for 127.0.0.1, made by the openssl command line. */
function selfSignedCertificate(): { key: string; cert: string } {
  const dir = mkdtempSync(join(tmpdir(), 'storefleet-tls-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    return {
      key: readFileSync(join(dir, 'key.pem'), 'utf8'),
      cert: readFileSync(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * A stand-in for a hung Kubernetes API server: a real TLS server on loopback with a certificate
 * the client can verify, which completes every handshake and then never answers a request.
 */
export async function silentTlsStandIn(): Promise<SilentStandIn> {
  const { key, cert } = selfSignedCertificate();
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
