import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedPort, writeKubeconfig } from '../contexts/test-support/kubeconfig-files';
import { isIpcError } from '../ipc/ipc-error';
import { toolchainHelm } from '../tools/test-support/toolchain';
import { createAppServices, type AppHandle } from './create-app-services';

let dir: string;
let app: AppHandle | undefined;
let server: string;
const CONTEXT = 'refusing';

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-app-services-'));
  server = `https://127.0.0.1:${await closedPort()}`;
});
afterEach(async () => {
  await app?.shutdown();
  app = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start(path: string): Promise<AppHandle> {
  const kubeconfig = await writeKubeconfig(dir, 'kubeconfig.yaml', {
    context: CONTEXT,
    server,
    user: { token: 'not-a-real-cluster' },
  });
  await mkdir(join(dir, 'data'));
  app = await createAppServices({
    dataDir: join(dir, 'data'),
    env: { PATH: path, KUBECONFIG: kubeconfig, HOME: dir },
    home: dir,
    openExternal: () => Promise.resolve(),
    log: () => undefined,
  });
  return app;
}

/** The call's outcome as a promise, whether it throws at once or rejects later. */
const attempt = async <T>(call: () => T | Promise<T>): Promise<T> => call();

describe('updateSettings only saves a Helm path that is Helm 3.12 or newer', () => {
  it('refuses /bin/sh with the reason and changes nothing', async () => {
    const { services } = await start('');
    const before = services.settings.get();
    const refused = await attempt(() =>
      services.settings.update({ helmPath: '/bin/sh', maxStoresPerContext: 7 }),
    ).catch((error: unknown) => error);
    expect(isIpcError(refused) && refused.code).toBe('invalid-argument');
    expect((refused as Error).message).toMatch(/^\/bin\/sh is not Helm: its `version` answered /);
    expect(services.settings.get()).toEqual(before);
  });

  it('refuses a path with no file, and keeps the saved one', async () => {
    const { services } = await start('');
    const helm = toolchainHelm();
    await services.settings.update({ helmPath: helm });
    await expect(
      attempt(() => services.settings.update({ helmPath: join(dir, 'missing') })),
    ).rejects.toThrow(/^There is no file at /);
    expect(services.settings.get().helmPath).toBe(helm);
  });

  it('saves the real Helm, and clearing the path needs no check', async () => {
    const { services } = await start('');
    await expect(
      attempt(() => services.settings.update({ helmPath: toolchainHelm() })),
    ).resolves.toMatchObject({ helmPath: toolchainHelm() });
    await expect(
      attempt(() => services.settings.update({ helmPath: null })),
    ).resolves.toMatchObject({ helmPath: null });
  });
});
