import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { standInCalls, standInDocker } from '../../test-rig/tools/stand-in-clis';
import { dockerStatus } from './docker-status';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-docker-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const env = (): NodeJS.ProcessEnv => ({ PATH: dir });

describe('dockerStatus with a stand-in docker CLI', () => {
  it('reports client and server versions when the daemon answers', async () => {
    await standInDocker(dir, 'running');
    const status = await dockerStatus({ env: env(), usualDirs: [] });
    expect(status).toEqual({
      path: join(dir, 'docker'),
      clientVersion: '28.2.2',
      serverVersion: '28.2.2',
      daemonRunning: true,
      problem: null,
    });
    expect(await standInCalls(dir, 'docker')).toEqual([['version', '--format', 'json']]);
  });

  it('reads the client version and says Docker is not running when the daemon is down', async () => {
    await standInDocker(dir, 'daemon-down');
    const status = await dockerStatus({ env: env(), usualDirs: [] });
    expect(status.clientVersion).toBe('28.2.2');
    expect(status.daemonRunning).toBe(false);
    expect(status.problem).toBe(
      'Docker is installed but not running. Start Docker Desktop (or the docker service), then check again.',
    );
    // The raw daemon error (socket path) stays out of the sentence.
    expect(status.problem).not.toContain('docker.sock');
  });

  it('says the user may not use the daemon when the socket refuses them', async () => {
    await standInDocker(dir, 'permission-denied');
    const status = await dockerStatus({ env: env(), usualDirs: [] });
    expect(status.daemonRunning).toBe(false);
    expect(status.problem).toContain('Add yourself to the docker group');
  });

  it('refuses a program named docker that does not answer as Docker', async () => {
    await standInDocker(dir, 'not-docker');
    const status = await dockerStatus({ env: env(), usualDirs: [] });
    expect(status.clientVersion).toBeNull();
    expect(status.problem).toContain('did not answer as Docker does');
  });

  it('says Docker was not found when neither the PATH nor the usual folders hold it', async () => {
    const status = await dockerStatus({ env: env(), usualDirs: [join(dir, 'nothing')] });
    expect(status).toMatchObject({ path: null, daemonRunning: false });
    expect(status.problem).toBe('Docker was not found on this computer.');
  });

  it('finds docker in a usual folder the PATH lacks (Docker Desktop, Homebrew)', async () => {
    const desktop = join(dir, 'desktop-bin');
    await standInDocker(desktop, 'running');
    const status = await dockerStatus({ env: { PATH: join(dir, 'empty') }, usualDirs: [desktop] });
    expect(status.path).toBe(join(desktop, 'docker'));
    expect(status.daemonRunning).toBe(true);
  });
});
