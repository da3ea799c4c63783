import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findTool, isSupportedHelm, parseToolVersion } from './find-tool';
import { usualToolDirs } from './usual-tool-dirs';
import { helmPinnedVersion, toolchainHelm } from '../../test-rig/cluster/toolchain';

let dir: string;

const SYSTEM_HELM = usualToolDirs(process.platform, {}).some((d) => existsSync(join(d, 'helm')));

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-find-tool-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A stand-in tool: a shell script that prints what a real tool's version command would. */
async function standInTool(folder: string, name: string, script: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const path = join(folder, name);
  await writeFile(path, `#!/bin/sh\n${script}\n`);
  await chmod(path, 0o755);
  return path;
}

describe('findTool with the real helm', () => {
  it('finds helm on the PATH and reads its version', async () => {
    const helm = toolchainHelm();
    const info = await findTool('helm', { env: { PATH: `${dir}${delimiter}${dirname(helm)}` } });
    expect(info).toEqual({
      name: 'helm',
      path: helm,
      version: helmPinnedVersion(),
      ok: true,
      problem: null,
    });
  });

  it('prefers a configured path over the PATH', async () => {
    await standInTool(dir, 'helm', 'echo v3.8.0');
    const helm = toolchainHelm();
    const info = await findTool('helm', { configuredPath: helm, env: { PATH: dir } });
    expect(info.path).toBe(helm);
    expect(info.ok).toBe(true);
  });
});

describe('findTool with stand-in scripts', () => {
  it('reports a stand-in helm printing v3.8.0 as too old, with the fix', async () => {
    const path = await standInTool(dir, 'helm', 'echo v3.8.0');
    const info = await findTool('helm', { env: { PATH: dir } });
    expect(info).toMatchObject({ path, version: 'v3.8.0', ok: false });
    expect(info.problem).toMatch(
      /^Helm v3\.8\.0 at .* is too old: Storefleet needs Helm 3\.12 or newer\. Install Helm/,
    );
  });

  it('accepts a configured directory holding the tool', async () => {
    const path = await standInTool(join(dir, 'tools'), 'helm', 'echo v3.12.0');
    const info = await findTool('helm', { configuredPath: join(dir, 'tools'), env: { PATH: '' } });
    expect(info).toMatchObject({ path, version: 'v3.12.0', ok: true });
  });

  it('falls back to the PATH when the configured path does not exist', async () => {
    const path = await standInTool(dir, 'helm', 'echo v3.14.2');
    const info = await findTool('helm', {
      configuredPath: join(dir, 'gone', 'helm'),
      env: { PATH: dir },
    });
    expect(info).toMatchObject({ path, ok: true });
  });

  it('explains a missing helm', async () => {
    const info = await findTool('helm', {
      configuredPath: join(dir, 'nope'),
      env: { PATH: dir },
      usualDirs: [],
    });
    expect(info).toMatchObject({ path: null, version: null, ok: false });
    expect(info.problem).toMatch(
      /^helm was not found at .*nope nor on the PATH\. Install Helm 3\.12/,
    );
  });

  it('skips files that are not executable', async () => {
    await writeFile(join(dir, 'helm'), 'echo v3.20.0\n');
    const info = await findTool('helm', { env: { PATH: dir }, usualDirs: [] });
    expect(info.path).toBeNull();
  });

  it('reports a version command that fails', async () => {
    await standInTool(dir, 'helm', 'echo "Error: broken install" >&2; exit 2');
    const info = await findTool('helm', { env: { PATH: dir } });
    expect(info.ok).toBe(false);
    expect(info.problem).toMatch(/did not report its version \(Error: broken install\)/);
  });

  it('reads a stand-in kubectl client version from JSON', async () => {
    await standInTool(
      dir,
      'kubectl',
      `echo '{"clientVersion":{"gitVersion":"v1.36.3","platform":"linux/amd64"},"kustomizeVersion":"v5"}'`,
    );
    await expect(findTool('kubectl', { env: { PATH: dir } })).resolves.toMatchObject({
      version: 'v1.36.3',
      ok: true,
    });
  });

  it('reads a stand-in k3d version', async () => {
    await standInTool(
      dir,
      'k3d',
      'echo "k3d version v5.8.3"; echo "k3s version v1.31.5-k3s1 (default)"',
    );
    await expect(findTool('k3d', { env: { PATH: dir } })).resolves.toMatchObject({
      version: 'v5.8.3',
      ok: true,
    });
  });

  it('reports k3d missing as optional', async () => {
    const info = await findTool('k3d', { env: { PATH: dir }, usualDirs: [] });
    expect(info.ok).toBe(false);
    expect(info.problem).toMatch(/k3d was not found on the PATH\. Install k3d/);
  });
});

describe('findTool beyond the PATH (an app started from the Finder or Dock gets a minimal one)', () => {
  it('finds a stand-in helm on the PATH before one in a usual folder', async () => {
    const onPath = await standInTool(join(dir, 'path'), 'helm', 'echo v3.14.0');
    await standInTool(join(dir, 'homebrew'), 'helm', 'echo v3.15.0');
    const info = await findTool('helm', {
      env: { PATH: join(dir, 'path') },
      usualDirs: [join(dir, 'homebrew')],
    });
    expect(info).toMatchObject({ path: onPath, version: 'v3.14.0', ok: true });
  });

  it('finds a stand-in helm only in a Homebrew folder when the PATH is minimal', async () => {
    // The launchd PATH, as stand-in folders: none of them holds helm.
    const minimal = ['usr/bin', 'bin', 'usr/sbin', 'sbin'].map((d) => join(dir, 'root', d));
    await Promise.all(minimal.map((d) => mkdir(d, { recursive: true })));
    const homebrew = join(dir, 'root', 'opt/homebrew/bin');
    const path = await standInTool(homebrew, 'helm', 'echo v3.22.0');
    const info = await findTool('helm', {
      env: { PATH: minimal.join(delimiter) },
      usualDirs: [homebrew, join(dir, 'root', 'usr/local/bin')],
    });
    expect(info).toEqual({ name: 'helm', path, version: 'v3.22.0', ok: true, problem: null });
  });

  // Skipped on a machine whose system folders hold a helm of their own: that one comes first.
  it.skipIf(SYSTEM_HELM)(
    'searches the usual folders by default, ~/.local/bin among them',
    async () => {
      const home = join(dir, 'home');
      const path = await standInTool(join(home, '.local', 'bin'), 'helm', 'echo v3.16.1');
      const info = await findTool('helm', { env: { PATH: join(dir, 'empty'), HOME: home } });
      expect(info).toMatchObject({ path, version: 'v3.16.1', ok: true });
    },
  );

  it('when helm is nowhere, says where it looked', async () => {
    const usual = [join(dir, 'opt/homebrew/bin'), join(dir, 'usr/local/bin')];
    const info = await findTool('helm', {
      env: { PATH: `${dir}${delimiter}/nowhere` },
      usualDirs: usual,
    });
    expect(info).toMatchObject({ path: null, version: null, ok: false });
    expect(info.problem).toMatch(/^helm was not found on the PATH\. Install Helm 3\.12/);
    expect(info.problem).toContain(
      `Looked in: the PATH (${dir}${delimiter}/nowhere), ${usual[0]}, ${usual[1]}.`,
    );
  });
});

describe('version parsing', () => {
  it.each([
    ['v3.12.0', true],
    ['v3.11.9', false],
    ['v3.22.0', true],
    ['v4.0.1', true],
    ['v2.17.0', false],
    ['garbage', false],
  ])('isSupportedHelm(%s) = %s', (version, ok) => {
    expect(isSupportedHelm(version)).toBe(ok);
  });

  it('rejects unreadable output', () => {
    expect(parseToolVersion('helm', 'Client: &version.Version{...}')).toBeNull();
    expect(parseToolVersion('kubectl', '{"clientVersion":{}}')).toBeNull();
    expect(parseToolVersion('kubectl', 'not json')).toBeNull();
    expect(parseToolVersion('k3d', 'v5')).toBeNull();
  });
});
