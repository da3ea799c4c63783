import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeKubeconfig, silentServer } from '../../test-rig/contexts/kubeconfig-files';
import { silentTlsStandIn, type SilentStandIn } from '../../test-rig/contexts/silent-api-server';
import { KubeCallTimeoutError, createKubeClients, type CallLimits } from './client';
import { deleteNamespace, ensureNamespace, listManagedNamespaces } from './namespace';
import { readSecretData } from './secret';

let dir: string;
let tls: SilentStandIn;
let tcp: { port: number; close: () => Promise<void> };
let tlsConfig: string;
let tcpConfig: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-silent-'));
  tls = await silentTlsStandIn();
  tcp = await silentServer();
  tlsConfig = await writeKubeconfig(dir, 'tls.yaml', {
    context: 'hung',
    server: tls.url,
    cluster: { 'certificate-authority-data': Buffer.from(tls.caPem).toString('base64') },
    user: { token: 'abc' },
  });
  tcpConfig = await writeKubeconfig(dir, 'tcp.yaml', {
    context: 'hung',
    server: `https://127.0.0.1:${tcp.port}`,
    user: { token: 'abc' },
  });
});
afterAll(async () => {
  await tls.close();
  await tcp.close();
  await rm(dir, { recursive: true, force: true });
});

/** How long `p` took to settle, and how it did. */
async function timed(p: Promise<unknown>): Promise<{ ms: number; error: unknown }> {
  const started = performance.now();
  try {
    await p;
    return { ms: performance.now() - started, error: undefined };
  } catch (error) {
    return { ms: performance.now() - started, error };
  }
}

function clients(kubeconfig: string, limits: CallLimits) {
  return createKubeClients({ kubeconfig, context: 'hung' }, limits);
}

describe('API calls against a silent stand-in API server', () => {
  it('ends a call at its deadline with an error naming the call and the server (TLS answered, HTTP not)', async () => {
    const c = clients(tlsConfig, { timeoutMs: 300 });
    const { ms, error } = await timed(ensureNamespace(c, 'shop', {}));
    console.log(`deadline of a namespace read on a silent TLS server: ${Math.round(ms)} ms`);
    expect(error).toBeInstanceOf(KubeCallTimeoutError);
    expect((error as Error).message).toBe(
      `the Kubernetes API server at ${tls.url} did not answer GET /api/v1/namespaces/shop within 0.3 s`,
    );
    expect(tls.accepted()).toBeGreaterThan(0);
  });

  it('ends a call at its deadline when not even the TLS handshake is answered', async () => {
    const c = clients(tcpConfig, { timeoutMs: 300 });
    const { error } = await timed(listManagedNamespaces(c));
    expect((error as Error).message).toBe(
      `the Kubernetes API server at https://127.0.0.1:${tcp.port} did not answer GET /api/v1/namespaces within 0.3 s`,
    );
  });

  it('stops a call at once when the caller aborts, long before the deadline', async () => {
    const controller = new AbortController();
    const c = clients(tlsConfig, { signal: controller.signal, timeoutMs: 60_000 });
    const pending = timed(deleteNamespace(c, 'shop'));
    setTimeout(() => controller.abort(new Error('cancelled')), 200);
    const { ms, error } = await pending;
    console.log(`abort of a namespace delete on a silent TLS server: ${Math.round(ms)} ms`);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(KubeCallTimeoutError);
    expect((error as Error).name).toBe('AbortError');
  });

  it('refuses a call at once when the signal is already aborted', async () => {
    const c = clients(tlsConfig, { signal: AbortSignal.abort(), timeoutMs: 60_000 });
    const { error } = await timed(readSecretData(c, 'shop', 'shop-credentials'));
    expect((error as Error).name).toBe('AbortError');
  });
});
