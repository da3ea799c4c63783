import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testCluster } from '../../test-rig/cluster/test-cluster';
import { ToolError } from '../tools/tool-error';
import { connectCluster } from './cluster-adapter';
import { buildTestEngine } from '../../test-rig/engine/test-engine';
import {
  settledStore,
  testStoreCluster,
  uniqueName,
  useStandInEngines,
} from '../../test-rig/engine/int-support';

const { engines, standIn } = useStandInEngines();

describe('redaction after a restart (storefront: local Store API stand-in)', () => {
  it('scrubs the passwords from a rollback that fails in a restarted engine (stand-in: a Helm failure quoting a value)', async () => {
    const c = testCluster();
    const dataDir = await mkdtemp(join(tmpdir(), 'storefleet-redact-'));
    const name = uniqueName('redact');
    standIn().addStore(`${name}.localhost`);

    // The first engine provisions the store, then goes away (an app restart).
    const first = buildTestEngine({
      dataDir,
      kubeconfig: c.kubeconfigPath,
      context: c.context,
      helmPath: join(c.binDir, 'helm'),
      storefrontPort: standIn().port,
    });
    const created = first.engine.create({ context: c.context, name, kind: 'woocommerce' });
    expect(await settledStore(first, created.id)).toMatchObject({ status: 'Ready' });
    await first.close();

    const data = await testStoreCluster().readSecretData(created.namespace, `${name}-credentials`);
    const password = data?.['wordpress-admin-password'] ?? '';
    expect(password.length).toBeGreaterThan(20);

    // The restarted engine has read no Secret yet when its rollback fails, quoting the password.
    const second = await engines.start({
      dataDir,
      connectCluster: (target, helmPath) => {
        const real = connectCluster(target, helmPath);
        const failing = (): Promise<void> =>
          Promise.reject(
            new ToolError({
              code: 'failed',
              command: 'helm rollback',
              message: `Error: rollback failed: value '${password}' was rejected`,
              stderrTail: `Error: rollback failed: value '${password}' was rejected`,
            }),
          );
        return { ...real, helm: { ...real.helm, rollback: failing } };
      },
    });
    await second.engine.rollback(created.id, 1);
    const failed = await settledStore(second, created.id);
    expect(failed.status).toBe('Failed');
    // Boolean checks first, so a failure never prints the password it found.
    const told = JSON.stringify({ failed, events: second.engine.get(created.id).events });
    expect(told.includes(password), 'the password is in the store error or events').toBe(false);
    const logs = second.logs.join('\n');
    expect(logs.includes(password), 'the password is in the logs').toBe(false);
    expect(failed.error).toContain("value '[redacted]' was rejected");
  });
});
