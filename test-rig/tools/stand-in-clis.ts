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

/**
 * How the stand-in k3d answers `cluster create|start|stop|delete`: texts as k3d 5 prints them
 * (cmd/cluster/clusterCreate.go, and docker's bind and daemon errors as k3d passes them on).
 */
export type StandInK3d = 'ok' | 'port-taken' | 'cluster-exists' | 'daemon-down' | 'hang';

const K3D_CREATE_OK = [
  "INFO[0000] portmapping '80:80' targets the loadbalancer: defaulting to [servers:*:proxy agents:*:proxy]",
  'INFO[0000] Prep: Network',
  "INFO[0000] Created network 'k3d-$3'",
  "INFO[0001] Creating node 'k3d-$3-server-0'",
  "INFO[0002] Creating LoadBalancer 'k3d-$3-serverlb'",
  "INFO[0003] Starting cluster '$3'",
  "INFO[0009] Cluster '$3' created successfully!",
];
const K3D_PORT_TAKEN = [
  'INFO[0000] Prep: Network',
  "INFO[0001] Creating node 'k3d-$3-server-0'",
  "INFO[0002] Creating LoadBalancer 'k3d-$3-serverlb'",
  "INFO[0003] Starting cluster '$3'",
  "ERRO[0012] Failed Cluster Start: Failed to add one or more helper nodes: runtime failed to start node 'k3d-$3-serverlb': docker failed to start container for node 'k3d-$3-serverlb': Error response from daemon: driver failed programming external connectivity on endpoint k3d-$3-serverlb (139c5afb6869): Bind for 0.0.0.0:80 failed: port is already allocated",
  'ERRO[0012] Failed to create cluster >>> Rolling Back',
  "INFO[0012] Deleting cluster '$3'",
  'FATA[0014] Cluster creation FAILED, all changes have been rolled back!',
];
const K3D_DAEMON_DOWN = [
  "ERRO[0000] Failed to get nodes for cluster '$3': docker failed to get containers with labels 'map[k3d.cluster:$3]': failed to list containers: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
  'INFO[0000] Prep: Network',
  'ERRO[0000] Failed Cluster Preparation: Failed Network Preparation: failed to create cluster network: failed to check for duplicate docker networks: docker failed to list networks: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
  'ERRO[0000] Failed to create cluster >>> Rolling Back',
  'FATA[0000] Cluster creation FAILED, also FAILED to rollback changes!',
];

function printLines(lines: readonly string[]): string {
  // k3d logs to stderr; $3 is the cluster name (`cluster create <name>`).
  return lines.map((line) => `printf '%s\\n' "${line}" >&2`).join('\n');
}

/** A k3d that answers `version` as k3d 5.8.3 does, and `cluster …` as `behaviour` says. */
export function standInK3d(dir: string, behaviour: StandInK3d = 'ok'): Promise<string> {
  const create: Record<StandInK3d, string> = {
    ok: `${printLines(K3D_CREATE_OK)}\nexit 0`,
    'port-taken': `${printLines(K3D_PORT_TAKEN)}\nexit 1`,
    'cluster-exists': `${printLines(["FATA[0000] Failed to create cluster '$3' because a cluster with that name already exists"])}\nexit 1`,
    'daemon-down': `${printLines(K3D_DAEMON_DOWN)}\nexit 1`,
    hang: `${printLines(K3D_CREATE_OK.slice(0, 2))}\nsleep 60 & wait $!\nexit 0`,
  };
  const other =
    behaviour === 'daemon-down'
      ? `${printLines([K3D_DAEMON_DOWN[0] ?? ''])}\nexit 1`
      : `printf '%s\\n' "INFO[0000] Done with cluster '$3'" >&2\nexit 0`;
  return writeScript(
    dir,
    'k3d',
    [
      'if [ "$1" = "version" ]; then',
      `  printf 'k3d version v5.8.3\\nk3s version v1.31.5-k3s1 (default)\\n'`,
      '  exit 0',
      'fi',
      'if [ "$1" = "cluster" ] && [ "$2" = "create" ]; then',
      create[behaviour],
      'fi',
      other,
    ].join('\n'),
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
