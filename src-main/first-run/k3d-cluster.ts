// A local k3d cluster made and run from the app: `k3d cluster create <name>` with the host's web
// ports mapped to its load balancer, its output lines passed on as progress, then a wait until
// the API, Traefik and the default StorageClass answer, then its context selected. Start, stop
// and delete run `k3d cluster start|stop|delete <name>`. The failures k3d reports (texts taken
// from k3d 5: cmd/cluster/clusterCreate.go and the docker daemon's bind error) come back as
// sentences.
import { createServer } from 'node:net';
import { execa } from 'execa';
import type { ContextProbe, LocalClusterProgress } from '../../src-shared/types/service-types';
import { IS_WINDOWS, stopTreeOnAbortOrTimeout } from '../tools/process-tree';
import { stderrTail } from '../tools/exec';

export type LocalClusterFailure =
  'port-taken' | 'exists' | 'docker-down' | 'not-ready' | 'cancelled' | 'failed' | 'bad-name';

export class LocalClusterError extends Error {
  constructor(
    readonly reason: LocalClusterFailure,
    message: string,
    /** for 'port-taken': the host port that is taken and a free one to use instead */
    readonly port?: { taken: number; suggested: number | null },
  ) {
    super(message);
    this.name = 'LocalClusterError';
  }
}

export type { LocalClusterProgress };

export interface K3dRunOptions {
  k3dPath: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  onLine?: (line: string) => void;
  timeoutMs?: number;
}

export interface CreateLocalClusterOptions extends K3dRunOptions {
  name: string;
  /** the host port for http; 80 unless the user picked another one */
  httpPort?: number;
  /** the host port for https; 443 when http is on 80, otherwise unmapped */
  httpsPort?: number | null;
  onProgress?: (progress: LocalClusterProgress) => void;
  /** the existing context probe; polled until the API, Traefik and a default StorageClass answer */
  probe: (context: string) => Promise<ContextProbe>;
  selectContext: (context: string) => Promise<void>;
  readyTimeoutMs?: number;
  pollMs?: number;
  /** the port offered when the asked one is taken; tests pin it */
  findFreePort?: (from: number) => Promise<number | null>;
}

const CLUSTER_NAME = /^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/;

/** The kubeconfig context k3d writes for a cluster. */
export function k3dContextName(name: string): string {
  return `k3d-${name}`;
}

/** The cluster name inside a context k3d wrote, or null for any other context. */
export function k3dClusterOfContext(context: string): string | null {
  return context.startsWith('k3d-') && context.length > 4 ? context.slice(4) : null;
}

export function createClusterArgs(name: string, httpPort: number, httpsPort: number | null) {
  const args = ['cluster', 'create', name, '-p', `${httpPort}:80@loadbalancer`];
  if (httpsPort !== null) args.push('-p', `${httpsPort}:443@loadbalancer`);
  args.push('--wait');
  return args;
}

function checkName(name: string): void {
  if (!CLUSTER_NAME.test(name)) {
    throw new LocalClusterError(
      'bad-name',
      'A cluster name uses lowercase letters, digits and dashes, starts and ends with a letter or digit, and has at most 32 characters.',
    );
  }
}

/** Is the TCP port free to listen on (on every address, as docker binds 0.0.0.0)? */
export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => {
      server.close(() => resolve(true));
    });
  });
}

/** The first free port from `from` on, trying 20; null when none is. */
export async function findFreePort(from: number): Promise<number | null> {
  for (let port = from; port < from + 20 && port <= 65_535; port += 1) {
    if (await isPortFree(port)) return port;
  }
  return null;
}

/** The host port docker could not bind, read from k3d's output; null when none is named. */
export function takenPort(output: string): number | null {
  const bind = /Bind for [^\s]*:(\d+) failed: port is already allocated/i.exec(output);
  if (bind) return Number(bind[1]);
  const listen = /listen tcp[46]? [^\s]*:(\d+): bind: address already in use/i.exec(output);
  if (listen) return Number(listen[1]);
  return null;
}

/** k3d's log lines without the level/time prefix and colours (`INFO[0001] Creating node …`). */
export function cleanK3dLine(raw: string): string {
  // eslint-disable-next-line no-control-regex
  const plain = raw.replace(/\u001b\[[0-9;]*m/g, '').trim();
  return plain.replace(/^(INFO|WARN|ERRO|FATA|DEBU)\[\d+\]\s*/, '').trim();
}

async function runK3d(args: readonly string[], opts: K3dRunOptions): Promise<string> {
  if (opts.signal?.aborted) throw cancelledError(args);
  const subprocess = execa(opts.k3dPath, args, {
    reject: false,
    all: true,
    detached: !IS_WINDOWS,
    windowsHide: true,
    stdin: 'ignore',
    env: opts.env,
  });
  const stopper = stopTreeOnAbortOrTimeout(subprocess.pid, {
    signal: opts.signal,
    timeoutMs: opts.timeoutMs ?? 10 * 60_000,
  });
  let pending = '';
  subprocess.all?.on('data', (chunk: Buffer) => {
    pending += chunk.toString('utf8');
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const clean = cleanK3dLine(line);
      if (clean) opts.onLine?.(clean);
    }
  });
  let result: Awaited<typeof subprocess>;
  try {
    result = await subprocess;
  } finally {
    stopper.done();
  }
  const stopped = stopper.stopped();
  const rest = cleanK3dLine(pending);
  if (rest) opts.onLine?.(rest);
  const output = typeof result.all === 'string' ? result.all : '';
  if (stopped === 'cancelled') throw cancelledError(args);
  if (stopped === 'timeout') {
    throw new LocalClusterError('failed', 'k3d did not finish in time and was stopped.');
  }
  if (result.failed && result.exitCode === undefined && result.signal === undefined) {
    throw new LocalClusterError('failed', 'k3d could not be started; check its path in Settings.');
  }
  if (result.exitCode !== 0) throw failure(args, output);
  return output;
}

function cancelledError(args: readonly string[]): LocalClusterError {
  return new LocalClusterError(
    'cancelled',
    args[1] === 'create'
      ? 'Creating the cluster was cancelled; k3d removes what it had made.'
      : 'The k3d command was cancelled.',
  );
}

function failure(args: readonly string[], output: string): LocalClusterError {
  const name = args[2] ?? '';
  if (/Cannot connect to the Docker daemon|Is the docker daemon running/i.test(output)) {
    return new LocalClusterError(
      'docker-down',
      'Docker is not running, so k3d cannot reach it. Start Docker, then try again.',
    );
  }
  if (/because a cluster with that name already exists/i.test(output)) {
    return new LocalClusterError(
      'exists',
      `A k3d cluster named ${name} already exists. Pick another name, or start that cluster from the context list.`,
    );
  }
  if (/port is already allocated|address already in use/i.test(output)) {
    const taken = takenPort(output);
    return new LocalClusterError(
      'port-taken',
      'Another program already uses a port the cluster needs on this computer.',
      taken === null ? undefined : { taken, suggested: null },
    );
  }
  const last = stderrTail(
    output
      .split(/\r?\n/)
      .map(cleanK3dLine)
      .filter((line) => line.length > 0)
      .join('\n'),
    1,
  );
  return new LocalClusterError(
    'failed',
    last ? `k3d could not finish: ${last}` : 'k3d stopped with an error and printed nothing.',
  );
}

const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });

function missing(probe: ContextProbe): string | null {
  if (!probe.reachable) return 'the Kubernetes API';
  if (!probe.traefik) return 'Traefik';
  if (!probe.defaultStorageClass) return 'the default StorageClass';
  return null;
}

/**
 * Creates the cluster, waits for it and selects its context; answers with the context's name.
 * Throws a LocalClusterError whose message is a sentence; a taken port carries a free one.
 */
export async function createLocalCluster(opts: CreateLocalClusterOptions): Promise<string> {
  checkName(opts.name);
  const httpPort = opts.httpPort ?? 80;
  const httpsPort = opts.httpsPort === undefined ? (httpPort === 80 ? 443 : null) : opts.httpsPort;
  const progress = (phase: LocalClusterProgress['phase'], line: string): void => {
    opts.onProgress?.({ name: opts.name, phase, line });
  };
  try {
    await runK3d(createClusterArgs(opts.name, httpPort, httpsPort), {
      ...opts,
      onLine: (line) => progress('create', line),
    });
  } catch (error) {
    if (!(error instanceof LocalClusterError) || error.reason !== 'port-taken') throw error;
    throw await portTaken(error, opts, httpPort);
  }

  const context = k3dContextName(opts.name);
  progress('wait', 'Waiting for the Kubernetes API, Traefik and the default StorageClass.');
  const deadline = Date.now() + (opts.readyTimeoutMs ?? 5 * 60_000);
  let waitingFor: string | null = 'the Kubernetes API';
  let announced: string | null = null;
  while (waitingFor !== null) {
    if (opts.signal?.aborted) {
      throw new LocalClusterError(
        'cancelled',
        `Waiting for the cluster was cancelled; the cluster ${opts.name} was made and stays.`,
      );
    }
    waitingFor = missing(await opts.probe(context));
    if (waitingFor === null) break;
    if (waitingFor !== announced) {
      announced = waitingFor;
      progress('wait', `Waiting for ${waitingFor}.`);
    }
    if (Date.now() > deadline) {
      throw new LocalClusterError(
        'not-ready',
        `The cluster ${opts.name} was made, but ${waitingFor} did not answer in time. Try selecting ${context} again in a minute.`,
      );
    }
    await sleep(opts.pollMs ?? 2_000, opts.signal);
  }
  progress('select', `Selecting ${context}.`);
  await opts.selectContext(context);
  progress('done', `The cluster ${opts.name} is ready.`);
  return context;
}

async function portTaken(
  error: LocalClusterError,
  opts: CreateLocalClusterOptions,
  httpPort: number,
): Promise<LocalClusterError> {
  const taken = error.port?.taken ?? httpPort;
  const find = opts.findFreePort ?? findFreePort;
  const suggested = await find(taken === 80 || taken === 443 ? 8080 : taken + 1);
  const offer =
    suggested === null
      ? 'Close the program that uses it, or pick another port.'
      : `Port ${suggested} is free; the cluster can use it instead, and store addresses then carry it, as in http://shop.localhost:${suggested}.`;
  return new LocalClusterError(
    'port-taken',
    `Another program already uses port ${taken} on this computer, so the cluster could not take it. ${offer}`,
    { taken, suggested },
  );
}

export function startLocalCluster(name: string, opts: K3dRunOptions): Promise<string> {
  checkName(name);
  return runK3d(['cluster', 'start', name], opts);
}

export function stopLocalCluster(name: string, opts: K3dRunOptions): Promise<string> {
  checkName(name);
  return runK3d(['cluster', 'stop', name], opts);
}

export function deleteLocalCluster(name: string, opts: K3dRunOptions): Promise<string> {
  checkName(name);
  return runK3d(['cluster', 'delete', name], opts);
}
