import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { closedPort, writeKubeconfig } from '../../test-rig/contexts/kubeconfig-files';
import { isEngineError } from '../engine/engine-error';
import { isIpcError } from '../../src-shared/ipc/ipc-error';
import { toolchainHelm } from '../../test-rig/cluster/toolchain';
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

const create = { context: CONTEXT, name: 'shop', kind: 'woocommerce' } as const;

describe('createStore is refused up front when it cannot work', () => {
  it('refuses a cluster that refuses connections, in words, and writes no store row', async () => {
    const { services } = await start(dirname(toolchainHelm()));
    const refused = await attempt(() => services.stores.create(create)).catch(
      (error: unknown) => error,
    );
    expect(isEngineError(refused, 'unavailable')).toBe(true);
    expect((refused as Error).message).toMatch(
      new RegExp(`^The cluster at ${server.replace(/\./g, '\\.')} refused the connection\\. `),
    );
    expect((refused as Error).message).not.toMatch(/ECONNREFUSED/);
    expect(services.stores.list(CONTEXT)).toEqual([]);
  });

  it('refuses when there is no Helm, with the sentence the tool check gives', async () => {
    const { services } = await start(join(dir, 'empty-bin'));
    await expect(attempt(() => services.stores.create(create))).rejects.toThrow(
      /^helm was not found on the PATH\. Install Helm 3\.12 or newer/,
    );
    expect(services.stores.list(CONTEXT)).toEqual([]);
  });

  it('refuses when the configured Helm has gone since it was saved', async () => {
    const { services } = await start(join(dir, 'empty-bin'));
    const helm = join(dir, 'helm');
    await copyFile(toolchainHelm(), helm);
    await services.settings.update({ helmPath: helm });
    await rm(helm);
    await expect(attempt(() => services.stores.create(create))).rejects.toThrow(
      `helm was not found at ${helm} nor on the PATH.`,
    );
    expect(services.stores.list(CONTEXT)).toEqual([]);
  });

  it('still refuses bad input as bad input, before any check', async () => {
    const { services } = await start(join(dir, 'empty-bin'));
    await expect(
      attempt(() => services.stores.create({ ...create, name: 'Bad Name!' })),
    ).rejects.toSatisfy((error: unknown) => isEngineError(error, 'invalid-argument'));
  });
});

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
