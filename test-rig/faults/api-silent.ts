// The API server goes silent (accepts connections, never answers): cancel must answer within
// 2 s and shutdown within 5 s, and the rows must say what happened (cancelled, or pending work
// that the next start resumes).
import { writeKubeconfig } from '../contexts/kubeconfig-files';
import { silentTlsStandIn } from '../contexts/silent-api-server';
import { buildTestEngine } from '../engine/test-engine';
import { eventually, newDataDir, type FaultEnv } from './fault-env';
import { emptyResult, type FamilyResult } from './report';

const CONTEXT = 'silent';
const CANCEL_MS = 2_000;
const SHUTDOWN_MS = 5_000;

export async function apiSilent(env: FaultEnv): Promise<FamilyResult> {
  const result = emptyResult();
  const server = await silentTlsStandIn();
  const dir = await newDataDir(env, 'silent');
  const kubeconfig = await writeKubeconfig(dir, 'kubeconfig.yaml', {
    context: CONTEXT,
    server: server.url,
    cluster: { 'certificate-authority-data': Buffer.from(server.caPem).toString('base64') },
    user: { token: 'silent' },
  });
  const t = buildTestEngine({
    dataDir: dir,
    kubeconfig,
    context: CONTEXT,
    helmPath: 'helm-not-run',
  });
  let closed = false;
  try {
    const stuck = async (id: string): Promise<boolean> =>
      eventually(() => t.repo.get(id)?.step === 'namespace' && server.accepted() > 0, 10_000, 20);

    const cancelled = t.engine.create({
      context: CONTEXT,
      name: 'silent-cancel',
      kind: 'woocommerce',
    });
    if (await stuck(cancelled.id)) {
      result.injected += 1;
      const ms = await timed(t.engine.cancel(cancelled.id), CANCEL_MS);
      const row = t.repo.get(cancelled.id);
      const ok = ms !== null && row?.status === 'Cancelled' && row.error === 'Cancelled by user';
      if (ok) result.converged += 1;
      result.notes.push(
        `cancel answered in ${ms === null ? `more than ${CANCEL_MS}` : Math.round(ms)} ms`,
      );
      if (!ok) result.notes.push(`cancelled store is ${row?.status}: ${row?.error ?? ''}`);
    }

    const a = t.engine.create({ context: CONTEXT, name: 'silent-a', kind: 'woocommerce' });
    const b = t.engine.create({ context: CONTEXT, name: 'silent-b', kind: 'woocommerce' });
    if ((await stuck(a.id)) && (await stuck(b.id))) {
      result.injected += 1;
      const ms = await timed(t.engine.shutdown(), SHUTDOWN_MS);
      closed = true;
      const pending = t.repo
        .pendingOps()
        .map((p) => p.storeId)
        .sort();
      const ok = ms !== null && JSON.stringify(pending) === JSON.stringify([a.id, b.id].sort());
      if (ok) result.converged += 1;
      result.notes.push(
        `shutdown finished in ${ms === null ? `more than ${SHUTDOWN_MS}` : Math.round(ms)} ms`,
      );
      if (!ok) result.notes.push(`pending after shutdown: ${pending.join(', ')}`);
    }
    for (const id of [cancelled.id, a.id, b.id]) {
      if (!t.repo.get(id)) {
        result.lostRows += 1;
        result.notes.push(`lost row: ${id}`);
      }
    }
  } finally {
    await server.close();
    if (closed) t.db.close();
    else await t.close();
  }
  return result;
}

/** Milliseconds `p` took, or null when it had not settled after `limitMs`. */
async function timed(p: Promise<unknown>, limitMs: number): Promise<number | null> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), limitMs)));
  try {
    const done = await Promise.race([p.then(() => 'done' as const), late]);
    return done === null ? null : performance.now() - started;
  } finally {
    clearTimeout(timer);
  }
}
