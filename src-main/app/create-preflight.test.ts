import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ContextRegistry } from '../contexts/context-registry';
import { closedPort, writeKubeconfig } from '../../test-rig/contexts/kubeconfig-files';
import type { ContextProbe } from '../../src-shared/types/service-types';
import { findTool } from '../tools/find-tool';
import { toolchainHelm } from '../../test-rig/cluster/toolchain';
import { CREATE_PROBE_TIMEOUT_MS, CreatePreflight, PROBE_REUSE_MS } from './create-preflight';

let dir: string;
let registry: ContextRegistry;
let server: string;
let clock: number;
const probed: { context: string; timeoutMs: number | undefined }[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-preflight-'));
  server = `https://127.0.0.1:${await closedPort()}`;
  const kubeconfig = await writeKubeconfig(dir, 'kubeconfig.yaml', {
    context: 'refusing',
    server,
    user: { token: 'not-a-real-cluster' },
  });
  registry = new ContextRegistry({ env: { KUBECONFIG: kubeconfig }, home: dir });
  clock = 1_000_000;
  probed.length = 0;
});
afterEach(async () => {
  registry.close();
  await rm(dir, { recursive: true, force: true });
});

function preflight(helmDir = dirname(toolchainHelm())): CreatePreflight {
  return new CreatePreflight({
    findHelm: () => findTool('helm', { env: { PATH: helmDir } }),
    probe: (context, opts) => {
      probed.push({ context, timeoutMs: opts.timeoutMs });
      return registry.probe(context, opts);
    },
    now: () => clock,
  });
}

/** What a probe of a reachable cluster reports; only its `reachable` matters here. */
const reached = (context: string): ContextProbe => ({
  context,
  reachable: true,
  error: null,
  serverVersion: 'v1.36.3',
  readyNodes: 1,
  totalNodes: 1,
  defaultStorageClass: 'local-path',
  ingressClasses: ['traefik'],
  traefik: true,
  checkedAt: new Date(clock).toISOString(),
});

describe('CreatePreflight', () => {
  it('probes the real kubeconfig with a short deadline and refuses a refused connection in words', async () => {
    const check = preflight();
    await expect(check.check('refusing')).rejects.toThrow(
      `The cluster at ${server} refused the connection.`,
    );
    expect(probed).toEqual([{ context: 'refusing', timeoutMs: CREATE_PROBE_TIMEOUT_MS }]);
  });

  it('reuses a recent probe that reached the cluster, and probes again once it is old', async () => {
    const check = preflight();
    check.remember(reached('refusing'));
    await expect(check.check('refusing')).resolves.toBeUndefined();
    expect(probed).toHaveLength(0);
    clock += PROBE_REUSE_MS;
    await expect(check.check('refusing')).rejects.toThrow(/refused the connection/);
    expect(probed).toHaveLength(1);
  });

  it('never reuses a probe that failed: the next create probes again', async () => {
    const check = preflight();
    check.remember(reached('refusing'));
    await check.probe('refusing');
    await expect(check.check('refusing')).rejects.toThrow(/refused the connection/);
    expect(probed).toHaveLength(2);
  });

  it('a burst of creates shares one Helm check and one probe', async () => {
    let helmRuns = 0;
    const check = new CreatePreflight({
      findHelm: () => {
        helmRuns += 1;
        return findTool('helm', { env: { PATH: dirname(toolchainHelm()) } });
      },
      probe: (context, opts) => {
        probed.push({ context, timeoutMs: opts.timeoutMs });
        return registry.probe(context, opts);
      },
    });
    const burst = await Promise.allSettled(
      Array.from({ length: 20 }, () => check.check('refusing')),
    );
    expect(burst.every((r) => r.status === 'rejected')).toBe(true);
    expect(helmRuns).toBe(1);
    expect(probed).toHaveLength(1);
  });

  it('names a missing Helm first, with find-tool’s sentence', async () => {
    const check = preflight(join(dir, 'no-bin'));
    await expect(check.check('refusing')).rejects.toThrow(/^helm was not found on the PATH\./);
  });

  it('refuses a context that is in no kubeconfig file', async () => {
    await expect(preflight().check('nowhere')).rejects.toThrow(
      'Unknown kube context "nowhere". Pick another context.',
    );
  });
});
