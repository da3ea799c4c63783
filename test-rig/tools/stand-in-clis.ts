// Test stand-ins for the docker, k3d and helm programs a new user may have: small shell scripts
// named as the real ones, which record every argument list they get and answer `version` as the
// real programs do (texts copied from docker 28.2, k3d 5.8 and helm 3). Nothing in the app
// imports this file.
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type StandInDocker = 'running' | 'daemon-down' | 'permission-denied' | 'not-docker';

const DOCKER_CLIENT =
  '"Client":{"Version":"28.2.2","ApiVersion":"1.50","DefaultAPIVersion":"1.50","GitCommit":"e6534b4","GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","BuildTime":"Fri May 30 12:07:14 2025","Context":"default"}';
const DOCKER_SERVER =
  '"Server":{"Platform":{"Name":"Docker Engine - Community"},"Version":"28.2.2","ApiVersion":"1.50","MinAPIVersion":"1.24","Os":"linux","Arch":"amd64"}';

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

async function writeScript(dir: string, name: string, body: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  const file = join(dir, name);
  const log = join(dir, `${name}.calls`);
  // Each call's arguments on one line, joined by a tab, before anything else happens.
  const script = `#!/bin/sh\n(IFS='\t'; printf '%s\\n' "$*") >> ${quote(log)}\n${body}\n`;
  await writeFile(file, script);
  await chmod(file, 0o755);
  return file;
}

/** A docker that answers `version --format json` in the given state. */
export function standInDocker(dir: string, state: StandInDocker): Promise<string> {
  const bodies: Record<StandInDocker, string> = {
    running: `printf '%s\\n' ${quote(`{${DOCKER_CLIENT},${DOCKER_SERVER}}`)}\nexit 0`,
    'daemon-down': `printf '%s\\n' ${quote(`{${DOCKER_CLIENT},"Server":null}`)}\necho 'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?' >&2\nexit 1`,
    'permission-denied': `printf '%s\\n' ${quote(`{${DOCKER_CLIENT},"Server":null}`)}\necho 'permission denied while trying to connect to the Docker daemon socket at unix:///var/run/docker.sock: Get "http://%2Fvar%2Frun%2Fdocker.sock/v1.50/version": dial unix /var/run/docker.sock: connect: permission denied' >&2\nexit 1`,
    'not-docker': `echo 'usage: something else'\nexit 2`,
  };
  return writeScript(dir, 'docker', bodies[state]);
}

/** A k3d that answers `version` as k3d 5.8.3 does. */
export function standInK3d(dir: string): Promise<string> {
  return writeScript(
    dir,
    'k3d',
    `printf 'k3d version v5.8.3\\nk3s version v1.31.5-k3s1 (default)\\n'`,
  );
}

/** A helm that answers `version --template {{.Version}}` with `version`. */
export function standInHelm(dir: string, version = 'v3.22.0'): Promise<string> {
  return writeScript(dir, 'helm', `printf '%s' ${quote(version)}`);
}

/** The argument lists a stand-in was called with, in order. */
export async function standInCalls(dir: string, name: string): Promise<string[][]> {
  const text = await readFile(join(dir, `${name}.calls`), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.length > 0)
    .map((line) => line.split('\t'));
}
