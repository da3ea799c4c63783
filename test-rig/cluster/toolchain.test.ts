import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCluster } from './cluster';
import { ClusterError } from './errors';
import {
  assertBinaries,
  findToolchain,
  helmPinnedVersion,
  toolchainBinDir,
  toolchainHelm,
  toolchainVersions,
} from './toolchain';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function emptyDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'storefleet-toolchain-test-'));
  dirs.push(dir);
  return dir;
}

describe('toolchain checks', () => {
  it('names every missing binary and how to build them', async () => {
    const binDir = await emptyDir();
    const check = assertBinaries(binDir);
    await expect(check).rejects.toBeInstanceOf(ClusterError);
    await expect(check).rejects.toThrow(/missing test toolchain binaries .*kube-apiserver.*kwok/);
    await expect(check).rejects.toThrow(/npm run toolchain/);
  });

  it('refuses to start a cluster without binaries and leaves nothing behind', async () => {
    const binDir = await emptyDir();
    const clusterDir = await emptyDir();
    await expect(startCluster({ binDir, dir: clusterDir })).rejects.toThrow(
      /missing test toolchain/,
    );
    expect(await readdir(clusterDir)).toEqual([]);
  });
});

describe('toolchain build without Go', () => {
  it('fails with the build script’s cause and fix, not a stack trace', async () => {
    const cache = await emptyDir();
    const build = findToolchain(() => {}, {
      PATH: '/usr/bin:/bin',
      HOME: cache,
      STOREFLEET_TOOLCHAIN_DIR: cache,
    });
    await expect(build).rejects.toBeInstanceOf(ClusterError);
    await expect(build).rejects.toMatchObject({
      reason: expect.stringMatching(/Go is not installed/) as unknown,
      fix: expect.stringMatching(/install Go 1\.26/) as unknown,
    });
  });
});

describe('toolchain location, stated once', () => {
  it('reads every pinned version from versions.env', () => {
    const versions = toolchainVersions();
    for (const value of Object.values(versions)) expect(value).toMatch(/^\d+\.\d+\.\d+$/);
    expect(helmPinnedVersion()).toBe(`v${versions.HELM_VERSION}`);
  });

  it('refuses a versions file that leaves a version out, naming it', () => {
    expect(() => toolchainVersions('K8S_VERSION=1.36.3\n')).toThrow(
      /does not pin K8S_STAGING_VERSION/,
    );
    expect(() => toolchainVersions('just words\n')).toThrow(/not a KEY=VALUE line/);
  });

  it('asks build.sh where the bin dir is, keyed by those versions, without building', async () => {
    const cache = await emptyDir();
    const versions = toolchainVersions();
    const dir = toolchainBinDir({ PATH: '/usr/bin:/bin', STOREFLEET_TOOLCHAIN_DIR: cache });
    expect(dir).toBe(
      join(
        cache,
        `k8s-${versions.K8S_VERSION}_etcd-${versions.ETCD_VERSION}` +
          `_kwok-${versions.KWOK_VERSION}_helm-${versions.HELM_VERSION}`,
        'bin',
      ),
    );
    expect(await readdir(cache)).toEqual([]);
  });

  it('finds helm in that bin dir unless STOREFLEET_HELM names one', async () => {
    const cache = await emptyDir();
    const env = { PATH: '/usr/bin:/bin', STOREFLEET_TOOLCHAIN_DIR: cache };
    expect(toolchainHelm(env)).toBe(join(toolchainBinDir(env), 'helm'));
    expect(toolchainHelm({ ...env, STOREFLEET_HELM: '/opt/helm' })).toBe('/opt/helm');
  });
});
