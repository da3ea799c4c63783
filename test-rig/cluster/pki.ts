import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ClusterError } from './errors';

const run = promisify(execFile);

export interface CertPair {
  cert: string;
  key: string;
}

export interface Pki {
  dir: string;
  ca: CertPair;
  apiserver: CertPair;
  admin: CertPair;
  controllerManager: CertPair;
  scheduler: CertPair;
  kubeletClient: CertPair;
  kwokServing: CertPair;
  serviceAccountKey: string;
  serviceAccountPub: string;
}

/** The in-cluster address of the `kubernetes` Service: first IP of the service range. */
export const SERVICE_CIDR = '10.96.0.0/16';
const KUBERNETES_SERVICE_IP = '10.96.0.1';

const SERVER_SANS = [
  'IP:127.0.0.1',
  `IP:${KUBERNETES_SERVICE_IP}`,
  'DNS:localhost',
  'DNS:kubernetes',
  'DNS:kubernetes.default',
  'DNS:kubernetes.default.svc',
  'DNS:kubernetes.default.svc.cluster.local',
];

async function openssl(args: string[]): Promise<void> {
  await run('openssl', args).catch((error: NodeJS.ErrnoException & { stderr?: string }) => {
    if (error.code === 'ENOENT') {
      throw new ClusterError(
        'the `openssl` command was not found; it generates the test cluster certificates',
        'install OpenSSL (Debian/Ubuntu: `sudo apt-get install openssl`)',
      );
    }
    throw new ClusterError(
      `openssl failed while generating certificates: ${error.stderr?.trim() ?? error.message}`,
      'check that `openssl version` reports 3.0 or newer',
    );
  });
}

const EC_KEY = ['-nodes', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];

async function issue(
  dir: string,
  ca: CertPair,
  name: string,
  subject: string,
  usage: 'server' | 'client',
  sans: string[] = [],
): Promise<CertPair> {
  const pair = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  const ext = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${usage === 'server' ? 'serverAuth' : 'clientAuth'}`,
    ...(sans.length > 0 ? [`subjectAltName=${sans.join(',')}`] : []),
  ];
  await openssl([
    'req', '-x509', ...EC_KEY, '-days', '365', '-subj', subject,
    '-CA', ca.cert, '-CAkey', ca.key,
    '-keyout', pair.key, '-out', pair.cert,
    ...ext.flatMap((e) => ['-addext', e]),
  ]); // prettier-ignore
  return pair;
}

/** A throw-away CA and every certificate the control plane components need. */
export async function generatePki(dir: string): Promise<Pki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const ca = { cert: join(dir, 'ca.crt'), key: join(dir, 'ca.key') };
  await openssl([
    'req', '-x509', ...EC_KEY, '-days', '3650', '-subj', '/CN=storefleet-test-ca',
    '-keyout', ca.key, '-out', ca.cert,
    '-addext', 'basicConstraints=critical,CA:TRUE',
    '-addext', 'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
  ]); // prettier-ignore
  const [apiserver, admin, controllerManager, scheduler, kubeletClient, kwokServing] =
    await Promise.all([
      issue(dir, ca, 'apiserver', '/CN=kube-apiserver', 'server', SERVER_SANS),
      issue(dir, ca, 'admin', '/O=system:masters/CN=storefleet-test-admin', 'client'),
      issue(dir, ca, 'controller-manager', '/CN=system:kube-controller-manager', 'client'),
      issue(dir, ca, 'scheduler', '/CN=system:kube-scheduler', 'client'),
      issue(
        dir,
        ca,
        'kubelet-client',
        '/O=system:masters/CN=kube-apiserver-kubelet-client',
        'client',
      ),
      issue(dir, ca, 'kwok-serving', '/CN=kwok', 'server', ['IP:127.0.0.1', 'DNS:localhost']),
    ]);
  const serviceAccountKey = join(dir, 'sa.key');
  const serviceAccountPub = join(dir, 'sa.pub');
  const sa = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  await writeFile(serviceAccountKey, sa.privateKey.export({ type: 'pkcs8', format: 'pem' }), {
    mode: 0o600,
  });
  await writeFile(serviceAccountPub, sa.publicKey.export({ type: 'spki', format: 'pem' }));
  return {
    dir,
    ca,
    apiserver,
    admin,
    controllerManager,
    scheduler,
    kubeletClient,
    kwokServing,
    serviceAccountKey,
    serviceAccountPub,
  };
}

/**
 * A self-signed certificate for a test server: `subjectAltName` is e.g. `IP:127.0.0.1` or
 * `DNS:shop.localhost`. Returns the PEMs; the files are removed.
 */
export async function selfSignedCertificate(
  commonName: string,
  subjectAltName: string,
): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'storefleet-tls-'));
  try {
    const key = join(dir, 'key.pem');
    const cert = join(dir, 'cert.pem');
    await openssl([
      'req', '-x509', ...EC_KEY, '-days', '1', '-subj', `/CN=${commonName}`,
      '-addext', `subjectAltName=${subjectAltName}`, '-keyout', key, '-out', cert,
    ]); // prettier-ignore
    return { key: await readFile(key, 'utf8'), cert: await readFile(cert, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
