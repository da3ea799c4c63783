// Docker as a new user's machine has it: the docker program (found on the PATH or where Docker
// Desktop, Colima and package managers put it) and whether its daemon answers. Read from
// `docker version --format json`, which prints the client part even when the daemon is down.
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, join, posix, win32 } from 'node:path';
import { execa } from 'execa';
import { z } from 'zod';
import { executableNames } from './find-tool';
import { usualToolDirs } from './usual-tool-dirs';

export interface DockerStatus {
  path: string | null;
  clientVersion: string | null;
  serverVersion: string | null;
  /** the daemon answered */
  daemonRunning: boolean;
  /** one sentence when Docker is missing or its daemon cannot be used */
  problem: string | null;
}

const VERSION_TIMEOUT_MS = 10_000;

const versionSchema = z.object({
  Client: z.object({ Version: z.string() }).nullable().optional(),
  Server: z.object({ Version: z.string() }).nullable().optional(),
});

/** Folders Docker Desktop installs its CLI into, besides the usual tool folders. */
function dockerDirs(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'win32') {
    const base = env.ProgramFiles ?? 'C:\\Program Files';
    return [win32.join(base, 'Docker', 'Docker', 'resources', 'bin')];
  }
  const dirs: string[] = [];
  if (env.HOME) dirs.push(posix.join(env.HOME, '.docker', 'bin'));
  if (platform === 'darwin') dirs.push('/Applications/Docker.app/Contents/Resources/bin');
  return dirs;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    if (!(await stat(path)).isFile()) return false;
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The first docker program on the PATH, then in the usual folders; null when there is none. */
export async function locateDocker(
  env: NodeJS.ProcessEnv,
  platform: NodeJS.Platform = process.platform,
  usualDirs: readonly string[] = [...usualToolDirs(platform, env), ...dockerDirs(platform, env)],
): Promise<string | null> {
  const path = (env.PATH ?? env.Path ?? '').split(delimiter).filter(Boolean);
  for (const dir of [...path, ...usualDirs]) {
    for (const name of executableNames('docker', env)) {
      const candidate = join(dir, name);
      if (await isExecutable(candidate)) return candidate;
    }
  }
  return null;
}

function firstJsonLine(stdout: string): unknown {
  for (const line of stdout.split(/\r?\n/)) {
    const text = line.trim();
    if (!text.startsWith('{')) continue;
    try {
      return JSON.parse(text);
    } catch {
      return null;
    }
  }
  return null;
}

/** What the daemon's error means for a person; the raw text stays out of the UI. */
function daemonProblem(stderr: string): string {
  if (/permission denied/i.test(stderr)) {
    return 'Docker is installed, but this user may not use its daemon. Add yourself to the docker group (then sign out and in again), or start Docker Desktop.';
  }
  if (
    /Cannot connect to the Docker daemon|error during connect|daemon.*not running|pipe.*docker_engine/i.test(
      stderr,
    )
  ) {
    return 'Docker is installed but not running. Start Docker Desktop (or the docker service), then check again.';
  }
  return 'Docker is installed, but its daemon did not answer. Start Docker Desktop (or the docker service), then check again.';
}

/** Finds docker and asks it for the client and server versions; never throws. */
export async function dockerStatus(
  opts: {
    env?: NodeJS.ProcessEnv;
    platform?: NodeJS.Platform;
    usualDirs?: readonly string[];
    timeoutMs?: number;
  } = {},
): Promise<DockerStatus> {
  const env = opts.env ?? process.env;
  const path = await locateDocker(env, opts.platform ?? process.platform, opts.usualDirs);
  if (!path) {
    return {
      path: null,
      clientVersion: null,
      serverVersion: null,
      daemonRunning: false,
      problem: 'Docker was not found on this computer.',
    };
  }
  const result = await execa(path, ['version', '--format', 'json'], {
    reject: false,
    env,
    stdin: 'ignore',
    windowsHide: true,
    timeout: opts.timeoutMs ?? VERSION_TIMEOUT_MS,
  });
  const stdout = typeof result.stdout === 'string' ? result.stdout : '';
  const stderr = typeof result.stderr === 'string' ? result.stderr : '';
  const parsed = versionSchema.safeParse(firstJsonLine(stdout));
  const clientVersion = parsed.success ? (parsed.data.Client?.Version ?? null) : null;
  const serverVersion = parsed.success ? (parsed.data.Server?.Version ?? null) : null;
  if (result.timedOut) {
    return {
      path,
      clientVersion,
      serverVersion: null,
      daemonRunning: false,
      problem:
        'Docker did not answer within 10 seconds. Restart Docker Desktop (or the docker service), then check again.',
    };
  }
  if (clientVersion === null) {
    return {
      path,
      clientVersion: null,
      serverVersion: null,
      daemonRunning: false,
      problem: `The program at ${path} did not answer as Docker does. Reinstall Docker, then check again.`,
    };
  }
  if (result.exitCode === 0 && serverVersion !== null) {
    return { path, clientVersion, serverVersion, daemonRunning: true, problem: null };
  }
  return {
    path,
    clientVersion,
    serverVersion: null,
    daemonRunning: false,
    problem: daemonProblem(stderr),
  };
}
