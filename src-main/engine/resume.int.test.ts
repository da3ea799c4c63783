import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { STORE_ID_LABEL } from '../kube/labels';
import type { StoreEvent } from '../../src-shared/types/store-types';
import type { RunnerConfig } from '../../test-rig/engine/engine-runner';
import {
  testStoreCluster,
  useStandInEngines,
  helmReleases,
  settledStore,
  uniqueName,
} from '../../test-rig/engine/int-support';
import { REPO_ROOT } from '../../test-rig/engine/test-engine';

const { engines, standIn } = useStandInEngines();

const RUNNER = join(import.meta.dirname, '..', '..', 'test-rig', 'engine', 'engine-runner.ts');

/** Starts the runner and SIGKILLs it `delayMs` after the given step started; resolves when it is dead. */
function runAndKill(config: RunnerConfig, step: string, delayMs: number): Promise<StoreEvent[]> {
  // The tsx CLI runs the script in a grandchild that a SIGKILL of the CLI would leave running,
  // still writing to the database; loading tsx into this node process makes the kill real.
  const child = spawn(process.execPath, ['--import', 'tsx', RUNNER, JSON.stringify(config)], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const seen: StoreEvent[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    const parsed = JSON.parse(line) as { event?: StoreEvent };
    if (!parsed.event) return;
    seen.push(parsed.event);
    if (parsed.event.step === step && parsed.event.status === 'started') {
      setTimeout(() => child.kill('SIGKILL'), delayMs);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(seen);
      else
        reject(
          new Error(`runner exited (${code ?? signal}) before ${step}: ${stderr.slice(-2000)}`),
        );
    });
  });
}

describe('an engine killed mid-step (SIGKILL, in a child process) is resumed by the next one', () => {
  it.each([
    ['helm', 300],
    ['wait-wordpress', 0],
  ])(
    'killed during %s, the store converges with one release and one namespace',
    async (step, delayMs) => {
      const c = testCluster();
      const dataDir = await mkdtemp(join(tmpdir(), 'storefleet-resume-'));
      const name = uniqueName(`crash-${step}`.slice(0, 20));
      standIn().addStore(`${name}.localhost`);
      const seen = await runAndKill(
        {
          dataDir,
          kubeconfig: c.kubeconfigPath,
          context: c.context,
          helmPath: join(c.binDir, 'helm'),
          storefrontPort: standIn().port,
          create: { context: c.context, name },
        },
        step,
        delayMs,
      );
      expect(seen.some((e) => e.step === step && e.status === 'started')).toBe(true);
      expect(seen.some((e) => e.step === 'ready' && e.status === 'succeeded')).toBe(false);

      const e = await engines.start({ dataDir });
      const [row] = e.repo.list();
      expect(row?.status).toMatch(/Provisioning|Queued/);
      await e.engine.resume();
      const store = await settledStore(e, row?.id ?? '');
      expect(store.status === 'Ready' || (store.status === 'Failed' && store.error)).toBeTruthy();
      expect({ status: store.status, error: store.error }).toEqual({
        status: 'Ready',
        error: null,
      });
      expect(await helmReleases(c, store.namespace)).toEqual([name]);
      const cluster = testStoreCluster();
      const ours = (await cluster.listManagedNamespaces()).filter(
        (ns) => ns.labels[STORE_ID_LABEL] === store.id,
      );
      expect(ours.map((ns) => ns.name)).toEqual([store.namespace]);
      // Resume also rediscovers the context, which may import stores of tests running beside
      // this one: what must hold is that this store has exactly one row.
      expect(
        e.repo
          .list()
          .filter((s) => s.name === name)
          .map((s) => s.id),
      ).toEqual([store.id]);
    },
  );
});
