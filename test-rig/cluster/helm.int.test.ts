import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { clients, deleteNamespaceAndWait, uniqueName, until } from './testdata/kube';

const run = promisify(execFile);
const chart = fileURLToPath(new URL('./testdata/tiny-chart', import.meta.url));

describe('helm on the test cluster', () => {
  it('installs a chart with --wait, uninstalls it, and the namespace is gone within 10 s', async () => {
    const { info, core } = clients();
    const helm = join(info.binDir, 'helm');
    const ns = uniqueName('helm');
    const common = ['--kubeconfig', info.kubeconfigPath, '--kube-context', info.context, '-n', ns];
    await run(helm, [
      'install',
      'tiny',
      chart,
      ...common,
      '--create-namespace',
      '--wait',
      '--timeout',
      '60s',
    ]);
    const { stdout } = await run(helm, ['status', 'tiny', ...common, '-o', 'json']);
    expect(JSON.parse(stdout)).toMatchObject({ info: { status: 'deployed' } });
    const claims = await core.listNamespacedPersistentVolumeClaim({ namespace: ns });
    expect(claims.items.map((c) => c.status?.phase)).toEqual(['Bound']);

    await run(helm, ['uninstall', 'tiny', ...common, '--wait', '--timeout', '60s']);
    // The claim goes through the garbage collector, pvc-protection and the provisioner's
    // reclaim; the namespace controller needs a second pass (5 s later) for anything left.
    await until(
      'the release volume to be reclaimed',
      async () => {
        const pvcs = await core.listNamespacedPersistentVolumeClaim({ namespace: ns });
        const pvs = (await core.listPersistentVolume()).items.filter(
          (pv) => pv.spec?.claimRef?.namespace === ns,
        );
        return pvcs.items.length === 0 && pvs.length === 0 ? true : undefined;
      },
      30_000,
    );
    const started = Date.now();
    await deleteNamespaceAndWait(core, ns, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    const leftovers = (await core.listPersistentVolume()).items.filter(
      (pv) => pv.spec?.claimRef?.namespace === ns,
    );
    expect(leftovers).toEqual([]);
  });
});
