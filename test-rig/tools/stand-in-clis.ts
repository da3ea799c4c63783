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
export type StandInK3d =
  | 'ok'
  | 'port-taken'
  | 'cluster-exists'
  | 'daemon-down'
  | 'hang'
  /** port 80 is taken (as 'port-taken'); a create on another host port succeeds (as 'ok') */
  | 'port-80-taken';

export interface StandInK3dOptions {
  /**
   * A kubeconfig with `__K3D_NAME__` where the cluster name goes: a successful create writes it
   * where k3d writes its context (the first KUBECONFIG file, else ~/.kube/config), so the new
   * `k3d-<name>` context can point at the test cluster's API server. The stand-in does not merge
   * into an existing file; it fails instead.
   */
  kubeconfigTemplate?: string;
}

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

// The folder where the stand-in keeps the clusters it made: `<name>.port` holds the host port
// mapped to 80 on the load balancer.
const K3D_STATE = 'k3d-clusters';

// Reads the host port of `-p <port>:80@loadbalancer` into $http (empty when there is none).
const K3D_HTTP_PORT = [
  'http=""',
  'prev=""',
  'for a in "$@"; do',
  '  if [ "$prev" = "-p" ]; then case "$a" in *:80@loadbalancer) http="${a%%:*}";; esac; fi',
  '  prev="$a"',
  'done',
].join('\n');

function k3dRemember(dir: string, kubeconfig: boolean): string {
  const lines = [
    `mkdir -p ${quote(join(dir, K3D_STATE))}`,
    `printf '%s\\n' "$http" > ${quote(join(dir, K3D_STATE))}/"$3".port`,
  ];
  if (kubeconfig) {
    lines.push(
      'target="${KUBECONFIG%%:*}"',
      '[ -n "$target" ] || target="$HOME/.kube/config"',
      'if [ -e "$target" ]; then',
      `  printf '%s\\n' "FATA[0010] stand-in k3d: $target exists and the stand-in does not merge kubeconfigs" >&2`,
      '  exit 1',
      'fi',
      'mkdir -p "$(dirname "$target")"',
      `sed "s/__K3D_NAME__/$3/g" ${quote(join(dir, 'k3d-kubeconfig.template'))} > "$target"`,
      'chmod 600 "$target"',
    );
  }
  return lines.join('\n');
}

// `k3d cluster list [name] -o json` as k3d 5 prints it (pkg/types/types.go: the nodes with
// docker's port bindings as "portMappings"), trimmed to the fields a reader needs. Shell builtins
// only, so it answers with any PATH.
function k3dList(dir: string): string {
  const state = quote(join(dir, K3D_STATE));
  const cluster =
    '{"name":"%s","nodes":[{"name":"k3d-%s-server-0","role":"server","portMappings":{}},' +
    '{"name":"k3d-%s-serverlb","role":"loadbalancer","portMappings":{"6443/tcp":[{"HostIp":"0.0.0.0","HostPort":"36443"}]%s}}],' +
    '"serversRunning":1,"serversCount":1,"agentsRunning":0,"agentsCount":0,"hasLoadbalancer":true}';
  return [
    'if [ "$1" = "cluster" ] && [ "$2" = "list" ]; then',
    '  want=""',
    '  case "$3" in ""|-*) ;; *) want="$3";; esac',
    `  if [ -n "$want" ] && [ ! -e ${state}/"$want".port ]; then`,
    `    printf '%s\\n' "FATA[0000] failed to get cluster $want: No nodes found for given cluster" >&2`,
    '    exit 1',
    '  fi',
    "  printf '['",
    '  sep=""',
    `  for f in ${state}/*.port; do`,
    '    [ -e "$f" ] || continue',
    '    n="${f##*/}"',
    '    n="${n%.port}"',
    '    if [ -n "$want" ] && [ "$want" != "$n" ]; then continue; fi',
    '    IFS= read -r p < "$f"',
    '    web=""',
    `    [ -n "$p" ] && web=',"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"'"$p"'"}]'`,
    `    printf '%s${cluster}' "$sep" "$n" "$n" "$n" "$web"`,
    '    sep=","',
    '  done',
    "  printf ']\\n'",
    '  exit 0',
    'fi',
    'if [ "$1" = "cluster" ] && [ "$2" = "delete" ]; then',
    `  rm -f ${state}/"$3".port`,
    'fi',
  ].join('\n');
}

/** A cluster the stand-in k3d lists as if made by hand with `-p <httpPort>:80@loadbalancer`. */
export async function standInK3dCluster(dir: string, name: string, httpPort: number | null) {
  await mkdir(join(dir, K3D_STATE), { recursive: true });
  await writeFile(join(dir, K3D_STATE, `${name}.port`), `${httpPort ?? ''}\n`);
}

/**
 * A k3d that answers `version` as k3d 5.8.3 does, and `cluster …` as `behaviour` says; a
 * successful create remembers its web port for `cluster list -o json` (and `delete` forgets it).
 */
export async function standInK3d(
  dir: string,
  behaviour: StandInK3d = 'ok',
  o: StandInK3dOptions = {},
): Promise<string> {
  if (o.kubeconfigTemplate !== undefined) {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'k3d-kubeconfig.template'), o.kubeconfigTemplate, { mode: 0o600 });
  }
  const remember = k3dRemember(dir, o.kubeconfigTemplate !== undefined);
  const created = `${K3D_HTTP_PORT}\n${remember}\n${printLines(K3D_CREATE_OK)}\nexit 0`;
  const create: Record<StandInK3d, string> = {
    ok: created,
    'port-80-taken': `${K3D_HTTP_PORT}\nif [ "$http" = "80" ]; then\n${printLines(K3D_PORT_TAKEN)}\nexit 1\nfi\n${created}`,
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
      behaviour === 'daemon-down' ? '' : k3dList(dir),
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

// Lines on stderr inside double quotes: quotes, backslashes and backticks escaped, `$3`/`$5` (arguments) kept.
function printQuoted(lines: readonly string[]): string {
  return lines
    .map((line) => `printf '%s\\n' "${line.replace(/["\\`]/g, (c) => `\\${c}`)}" >&2`)
    .join('\n');
}

/**
 * How the stand-in docker answers `build -t <ref> <dir>`: BuildKit's plain progress lines on
 * stderr (as docker 28 prints them when its output is not a terminal), then exit 0 ('ok'), a
 * failed RUN step and exit 1 ('fail'), or a step that runs until it is stopped ('hang').
 */
export type StandInDockerBuild = 'ok' | 'fail' | 'hang';

const BUILD_START = [
  '#0 building with "default" instance using docker driver',
  '',
  '#1 [internal] load build definition from Dockerfile',
  '#1 transferring dockerfile: 1.02kB done',
  '#1 DONE 0.0s',
  '',
  '#2 [internal] load metadata for docker.io/library/node:22-bookworm-slim',
  '#2 DONE 0.9s',
  '',
  '#3 [builder 4/6] RUN npm ci',
  '#3 14.21 added 1204 packages, and audited 1205 packages in 14s',
  '#3 DONE 15.0s',
  '',
  '#4 [builder 6/6] RUN npx medusa build',
];
const BUILD_OK = [
  '#4 31.02 info:    Backend build completed successfully (12.40s)',
  '#4 DONE 33.1s',
  '',
  '#5 exporting to image',
  '#5 exporting layers 2.1s done',
  '#5 naming to docker.io/$3 done',
  '#5 DONE 2.2s',
];
const BUILD_FAIL = [
  '#4 6.412 error:   Error in loading config: Cannot find module ./medusa-config',
  '#4 ERROR: process "/bin/sh -c npx medusa build" did not complete successfully: exit code: 1',
  '------',
  ' > [builder 6/6] RUN npx medusa build:',
  '6.412 error:   Error in loading config: Cannot find module ./medusa-config',
  '------',
  'ERROR: failed to solve: process "/bin/sh -c npx medusa build" did not complete successfully: exit code: 1',
];

/**
 * A docker whose daemon answers (`version --format json` as 'running' does) and whose `build`
 * prints BuildKit lines and ends as `build` says. `$3` in the lines is the `-t` ref.
 */
export function standInDockerBuild(dir: string, build: StandInDockerBuild = 'ok'): Promise<string> {
  const ends: Record<StandInDockerBuild, string> = {
    ok: `${printQuoted(BUILD_OK)}\nexit 0`,
    fail: `${printQuoted(BUILD_FAIL)}\nexit 1`,
    hang: 'sleep 60 & wait $!\nexit 0',
  };
  return writeScript(
    dir,
    'docker',
    [
      'if [ "$1" = "version" ]; then',
      `  printf '%s\\n' ${quote(`{${DOCKER_CLIENT},${DOCKER_SERVER}}`)}`,
      '  exit 0',
      'fi',
      'if [ "$1" = "build" ]; then',
      printQuoted(BUILD_START),
      ends[build],
      'fi',
      "echo 'stand-in docker: unexpected command' >&2",
      'exit 2',
    ].join('\n'),
  );
}

/**
 * How the stand-in k3d answers `image import <ref> -c <cluster>`: texts as k3d 5 prints them
 * (cmd/image/imageImport.go, pkg/client/tools.go); 'no-cluster' is a cluster k3d cannot find,
 * 'daemon-down' a docker daemon it cannot reach.
 */
export type StandInK3dImport = 'ok' | 'no-cluster' | 'daemon-down';

const IMPORT_OK = [
  "INFO[0000] Importing image(s) into cluster '$5'",
  'INFO[0000] Starting new tools node...',
  "INFO[0001] Starting node 'k3d-$5-tools'",
  'INFO[0001] Saving 1 image(s) from runtime...',
  'INFO[0009] Importing images into nodes...',
  "INFO[0009] Importing images from tarball '/k3d/images/k3d-$5-images-20261129150000.tar' into node 'k3d-$5-server-0'...",
  'INFO[0015] Removing the tarball(s) from image volume...',
  'INFO[0016] Removing k3d-tools node...',
  'INFO[0016] Successfully imported image(s)',
  'INFO[0016] Successfully imported 1 image(s) into 1 cluster(s)',
];
const IMPORT_NO_CLUSTER = [
  "INFO[0000] Importing image(s) into cluster '$5'",
  "ERRO[0000] Failed to import image(s) into cluster '$5': failed to ensure that tools node is running: failed to retrieve cluster: No nodes found for given cluster",
  'WARN[0000] At least one error occured while trying to import the image(s) into the selected cluster(s)',
];
const IMPORT_DAEMON_DOWN = [
  "INFO[0000] Importing image(s) into cluster '$5'",
  "ERRO[0000] Failed to import image(s) into cluster '$5': failed to find images: failed to fetch list of existing images from runtime: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?",
  'WARN[0000] At least one error occured while trying to import the image(s) into the selected cluster(s)',
];

/** A k3d that answers `version` as k3d 5.8.3 does and `image import` as `behaviour` says. */
export function standInK3dImport(dir: string, behaviour: StandInK3dImport = 'ok'): Promise<string> {
  const imports: Record<StandInK3dImport, string> = {
    ok: `${printQuoted(IMPORT_OK)}\nexit 0`,
    'no-cluster': `${printQuoted(IMPORT_NO_CLUSTER)}\nexit 1`,
    'daemon-down': `${printQuoted(IMPORT_DAEMON_DOWN)}\nexit 1`,
  };
  return writeScript(
    dir,
    'k3d',
    [
      'if [ "$1" = "version" ]; then',
      `  printf 'k3d version v5.8.3\\nk3s version v1.31.5-k3s1 (default)\\n'`,
      '  exit 0',
      'fi',
      'if [ "$1" = "image" ] && [ "$2" = "import" ]; then',
      imports[behaviour],
      'fi',
      "echo 'stand-in k3d: unexpected command' >&2",
      'exit 2',
    ].join('\n'),
  );
}
