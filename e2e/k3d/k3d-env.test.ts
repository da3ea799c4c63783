import { access, constants, mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { k3dUnavailableReason, portTaken, takenPorts } from './k3d-env';

const docker = await onPath('docker');
const dirs: string[] = [];
const servers: Server[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function listening(host: string): Promise<number> {
  const server = createServer();
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function emptyDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'storefleet-k3d-env-'));
  dirs.push(dir);
  return dir;
}

describe('k3d suite skip reasons', () => {
  it('sees a host port held by a listening socket as taken, and free once it closes', async () => {
    const port = await listening('127.0.0.1');
    expect(await portTaken(port)).toBe(true);
    expect(await takenPorts([port])).toEqual([port]);
    await new Promise((r) => servers.pop()?.close(r));
    expect(await portTaken(port)).toBe(false);
    expect(await takenPorts([port])).toEqual([]);
  });

  it('sees a port bound on all addresses as taken', async () => {
    const port = await listening('0.0.0.0');
    expect(await portTaken(port)).toBe(true);
  });

  it('names every missing tool and every taken port in one reason', async () => {
    const port = await listening('127.0.0.1');
    const reason = await k3dUnavailableReason({ env: { PATH: await emptyDir() }, ports: [port] });
    expect(reason).toContain('Docker is not installed (`docker` is not on PATH)');
    expect(reason).toContain('k3d is not installed (`k3d` is not on PATH)');
    expect(reason).toContain('Helm is not installed (`helm` is not on PATH)');
    expect(reason).toContain(`host port ${port} is already in use`);
  });

  it.skipIf(docker === null)(
    'says the Docker daemon does not answer when the real docker CLI reaches no daemon',
    async () => {
      const bin = await emptyDir();
      await symlink(docker ?? '', join(bin, 'docker'));
      const sock = join(await emptyDir(), 'no-daemon.sock');
      const reason = await k3dUnavailableReason({
        env: { PATH: bin, HOME: await emptyDir(), DOCKER_HOST: `unix://${sock}` },
        ports: [],
      });
      expect(reason).toMatch(/the Docker daemon does not answer `docker info` \(.+\)/);
      expect(reason).not.toContain('Docker is not installed');
    },
  );
});

/** The real docker CLI, where one is installed: the daemon check runs it for real. */
async function onPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    if (
      await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      )
    )
      return candidate;
  }
  return null;
}
