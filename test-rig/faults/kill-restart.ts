// kill -9 of the app at every provisioning, upgrade and delete step, then a restart: the new
// engine resumes the pending work and the store ends Ready (or Deleted) with one namespace, one
// release and one row.
import { join } from 'node:path';
import type { StepName } from '../../src-shared/types/store-types';
import type { TestEngine } from '../engine/test-engine';
import { clusterLeftovers, helmReleases, integrityProblems, rowFindings } from './checks';
import { FAULT_TIMEOUTS, newDataDir, startEngine, uniqueName, type FaultEnv } from './fault-env';
import type { FaultRunnerConfig, RunnerAction } from './fault-runner';
import { addFindings, emptyResult, errorText, type FamilyResult } from './report';
import { runAndKill } from './run-and-kill';

const PROVISION: StepName[] = [
  'validate',
  'namespace',
  'helm',
  'wait-mariadb',
  'wait-wordpress',
  'bootstrap',
  'verify',
  'ready',
];
const UPGRADE: StepName[] = ['upgrade', 'wait-mariadb', 'wait-wordpress', 'bootstrap', 'verify'];
const DELETE: StepName[] = ['uninstall', 'delete-namespace', 'check-leftovers'];
/** Steps that start a Helm process: killed a moment later, Helm is mid-flight and orphaned. */
const HELM_STEPS = new Set<StepName>(['helm', 'upgrade', 'uninstall']);

const TAGS = ['6.8.2-php8.2-apache', '6.8.3-php8.3-apache'];

interface Chain {
  provision: StepName;
  upgrade?: StepName;
  delete?: StepName;
}

export function chains(scale: FaultEnv['scale']): Chain[] {
  if (scale === 'fast') return [{ provision: 'helm' }];
  return PROVISION.map((provision, i) => ({
    provision,
    upgrade: UPGRADE[i % UPGRADE.length],
    delete: DELETE[i % DELETE.length],
  }));
}

export async function killRestart(env: FaultEnv): Promise<FamilyResult> {
  const result = emptyResult();
  const all = chains(env.scale);
  // Two chains at a time: each spends most of its time waiting on the cluster.
  for (let i = 0; i < all.length; i += 2) {
    await Promise.all(all.slice(i, i + 2).map((chain) => runChain(env, chain, result)));
  }
  return result;
}

async function runChain(env: FaultEnv, chain: Chain, result: FamilyResult): Promise<void> {
  const name = uniqueName(`kill-${chain.provision}`.slice(0, 16));
  const dataDir = await newDataDir(env, 'kill');
  env.standIn.addStore(`${name}.localhost`);
  const c = env.cluster;
  const base: Omit<FaultRunnerConfig, 'action'> = {
    dataDir,
    kubeconfig: c.kubeconfigPath,
    context: c.context,
    helmPath: join(c.binDir, 'helm'),
    storefrontPort: env.standIn.port,
    timeouts: FAULT_TIMEOUTS,
    settings: { maxCreatesPerMinute: 60 },
  };
  const namespace = `store-${name}`;
  let storeId: string | null = null;
  const run = async (action: RunnerAction, step: StepName, want: 'Ready' | 'Deleted') => {
    const outcome = await runAndKill({ ...base, action }, step, HELM_STEPS.has(step) ? 300 : 0);
    storeId ??= outcome.storeId;
    if (outcome.killed) result.injected += 1;
    const t = startEngine(env, dataDir);
    try {
      await t.engine.resume();
      if (!storeId) throw new Error(`the runner was killed at ${step} before it made a store`);
      await t.engine.settled(storeId);
      const problem = await convergedProblem(env, t, storeId, namespace, want);
      if (problem) result.notes.push(`${name}: killed at ${step}: ${problem}`);
      else if (outcome.killed) result.converged += 1;
      if (!outcome.killed) result.notes.push(`${name}: finished before the kill at ${step}`);
    } finally {
      await t.close();
    }
  };
  try {
    await run({ kind: 'create', name }, chain.provision, 'Ready');
    const id = storeId ?? '';
    if (chain.upgrade) {
      const values = { wordpressImageTag: TAGS[0] ?? '' };
      await run({ kind: 'upgrade', storeId: id, values }, chain.upgrade, 'Ready');
    }
    // Without a delete step to kill at, the clean-up below deletes the store in-process.
    if (chain.delete) await run({ kind: 'delete', storeId: id }, chain.delete, 'Deleted');
  } catch (error) {
    result.notes.push(`${name}: ${errorText(error)}`);
  } finally {
    await cleanUp(env, dataDir, storeId, namespace, result);
  }
}

/** Null when the store settled as `want` with exactly its own namespace and release. */
async function convergedProblem(
  env: FaultEnv,
  t: TestEngine,
  storeId: string,
  namespace: string,
  want: 'Ready' | 'Deleted',
): Promise<string | null> {
  const store = t.repo.get(storeId);
  if (store?.status !== want) {
    return `store is ${store?.status ?? 'gone'}/${store?.step ?? '-'} (${store?.error ?? ''}), not ${want}`;
  }
  const releases = (await helmReleases(env)).filter((r) => r.namespace === namespace);
  if (want === 'Ready') {
    if (releases.length !== 1 || releases[0]?.status !== 'deployed') {
      return `releases in ${namespace}: ${JSON.stringify(releases)}`;
    }
    const dupes = t.repo.list().filter((s) => s.name === store.name);
    if (dupes.length !== 1) return `${dupes.length} rows named ${store.name}`;
    return null;
  }
  const left = await clusterLeftovers(env, { scope: new Map([[storeId, namespace]]) });
  return left.length > 0 ? `left after delete: ${left.join(', ')}` : null;
}

/** Deletes the store if a fault left it alive, then counts what remains. */
async function cleanUp(
  env: FaultEnv,
  dataDir: string,
  storeId: string | null,
  namespace: string,
  result: FamilyResult,
): Promise<void> {
  if (!storeId) return;
  const t = startEngine(env, dataDir);
  try {
    const store = t.repo.get(storeId);
    if (store && store.status !== 'Deleted') {
      await t.engine.settled(storeId);
      await t.engine.delete(storeId).catch(() => undefined);
      await t.engine.settled(storeId);
    }
    addFindings(
      result,
      rowFindings(t.repo, [storeId], () => 'Deleted'),
    );
    for (const p of integrityProblems(t.dbFile)) result.notes.push(`integrity: ${p}`);
    result.lostRows += integrityProblems(t.dbFile).length > 0 ? 1 : 0;
  } finally {
    await t.close();
  }
  const left = await clusterLeftovers(env, { scope: new Map([[storeId, namespace]]) });
  addFindings(result, { leftovers: left, lostRows: [] });
}
