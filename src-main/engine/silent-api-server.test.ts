// The engine against a stand-in for a hung API server: cancel and shutdown must not wait for it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeKubeconfig } from '../../test-rig/contexts/kubeconfig-files';
import { silentTlsStandIn, type SilentStandIn } from '../../test-rig/contexts/silent-api-server';
import { buildTestEngine, type TestEngine } from '../../test-rig/engine/test-engine';

const CONTEXT = 'hung';
const CANCEL_MS = 2_000;
const SHUTDOWN_MS = 5_000;

let dir: string;
let server: SilentStandIn;
let t: TestEngine;
let closed = false;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-silent-engine-'));
  server = await silentTlsStandIn();
  const kubeconfig = await writeKubeconfig(dir, 'kubeconfig.yaml', {
    context: CONTEXT,
    server: server.url,
    cluster: { 'certificate-authority-data': Buffer.from(server.caPem).toString('base64') },
    user: { token: 'abc' },
  });
  // Helm is never reached: the namespace step is the first to talk to the cluster.
  t = buildTestEngine({ dataDir: dir, kubeconfig, context: CONTEXT, helmPath: 'helm-not-run' });
  closed = false;
});
afterEach(async () => {
  // Closing the stand-in first ends any call the engine is still waiting on.
  await server.close();
  if (!closed) await t.close();
  else t.db.close();
  await rm(dir, { recursive: true, force: true });
});

/** Resolves once the store's provisioning is waiting on the silent server. */
async function stuckOnTheCluster(storeId: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const store = t.repo.get(storeId);
    if (store?.step === 'namespace' && server.accepted() > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`store never reached the namespace step (at ${t.repo.get(storeId)?.step})`);
}

/** Milliseconds `p` took; rejects when it is not settled within `limitMs`. */
async function within(what: string, limitMs: number, p: Promise<unknown>): Promise<number> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${what} did not finish within ${limitMs} ms`)),
      limitMs,
    );
  });
  try {
    await Promise.race([p, late]);
  } finally {
    clearTimeout(timer);
  }
  return performance.now() - started;
}

describe('engine against a silent stand-in API server', () => {
  it('answers cancel within 2 s while a step waits on the server', async () => {
    const store = t.engine.create({ context: CONTEXT, name: 'hung-cancel', kind: 'woocommerce' });
    await stuckOnTheCluster(store.id);

    const ms = await within('cancel', CANCEL_MS, t.engine.cancel(store.id));
    console.log(`cancel against a silent API server answered in ${Math.round(ms)} ms`);

    expect(t.repo.get(store.id)).toMatchObject({ status: 'Cancelled', error: 'Cancelled by user' });
    expect(t.repo.pendingOps()).toEqual([]);
  }, 20_000);

  it('shuts down within 5 s while steps wait on the server, leaving their work to resume', async () => {
    const a = t.engine.create({ context: CONTEXT, name: 'hung-a', kind: 'woocommerce' });
    const b = t.engine.create({ context: CONTEXT, name: 'hung-b', kind: 'woocommerce' });
    await stuckOnTheCluster(a.id);
    await stuckOnTheCluster(b.id);

    const ms = await within('shutdown', SHUTDOWN_MS, t.engine.shutdown());
    closed = true;
    console.log(`engine shutdown against a silent API server finished in ${Math.round(ms)} ms`);

    const pending = t.repo.pendingOps().map((p) => p.storeId);
    expect(pending.sort()).toEqual([a.id, b.id].sort());
  }, 20_000);
});
