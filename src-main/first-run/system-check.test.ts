import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { standInCalls, standInDocker, standInK3d } from '../../test-rig/tools/stand-in-clis';
import { dockerStatus } from '../tools/docker-status';
import { findTool } from '../tools/find-tool';
import { systemCheck } from './system-check';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-check-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const check = (platform: NodeJS.Platform) => {
  const env = { PATH: dir };
  return systemCheck({
    platform,
    arch: 'arm64',
    env,
    docker: () => dockerStatus({ env, usualDirs: [] }),
    findTool: (name) => findTool(name, { env, usualDirs: [] }),
    findHelm: () => findTool('helm', { env, usualDirs: [] }),
  });
};

describe('systemCheck with stand-in docker and k3d', () => {
  it('lists Docker with its daemon down, k3d with its version, Helm and kubectl missing', async () => {
    await standInDocker(dir, 'daemon-down');
    await standInK3d(dir);
    const result = await check('linux');
    const byName = Object.fromEntries(result.tools.map((t) => [t.name, t]));
    expect(byName.docker).toMatchObject({
      version: '28.2.2',
      ok: false,
      daemonRunning: false,
      command: 'sudo systemctl start docker',
    });
    expect(byName.k3d).toMatchObject({ version: 'v5.8.3', ok: true, problem: null });
    expect(byName.helm).toMatchObject({
      ok: false,
      required: true,
      problem: 'Helm was not found on this computer.',
    });
    expect(byName.kubectl?.required).toBe(false);
    expect(result.helmDownload).toEqual({ version: '3.22.0' });
    expect(result.createClusterCommand).toBe(
      'k3d cluster create storefleet -p "80:80@loadbalancer"',
    );
    expect(await standInCalls(dir, 'docker')).toEqual([['version', '--format', 'json']]);
    expect(await standInCalls(dir, 'k3d')).toEqual([['version']]);
  });

  it('gives each system its own install steps', async () => {
    const mac = await check('darwin');
    const win = await check('win32');
    const step = (r: typeof mac, name: string) => r.tools.find((t) => t.name === name)?.command;
    expect(mac.os).toBe('macos');
    expect(step(mac, 'k3d')).toBe('brew install k3d');
    expect(step(mac, 'helm')).toBe('brew install helm');
    expect(win.os).toBe('windows');
    expect(step(win, 'helm')).toBe('winget install -e --id Helm.Helm');
    expect(step(win, 'docker')).toBe('winget install -e --id Docker.DockerDesktop');
  });
});
