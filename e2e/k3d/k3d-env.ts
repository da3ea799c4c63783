import { execFile } from 'node:child_process';
import { createConnection, createServer } from 'node:net';
import { promisify } from 'node:util';
import { findTool } from '../../src-main/tools/find-tool';

const run = promisify(execFile);

/** Host ports the suite's cluster publishes through k3d's load balancer (Traefik's web ports). */
export const HOST_PORTS = [80, 443] as const;
const PROBE_TIMEOUT_MS = 20_000;

export interface EnvProbeOptions {
  /** environment for the probed commands (PATH, DOCKER_HOST); the process's own by default */
  env?: NodeJS.ProcessEnv;
  ports?: readonly number[];
  timeoutMs?: number;
}

/**
 * Why the k3d suite cannot run on this machine, or null when it can: every reason found, so one
 * skip line tells all that is missing. Missing tools, a Docker daemon that does not answer and
 * host ports that another program holds are reasons to skip, not failures.
 */
export async function k3dUnavailableReason(o: EnvProbeOptions = {}): Promise<string | null> {
  const env = o.env ?? process.env;
  const timeout = o.timeoutMs ?? PROBE_TIMEOUT_MS;
  const reasons: string[] = [];
  const docker = await probe('docker', ['info', '--format', '{{.ServerVersion}}'], env, timeout);
  if (docker.kind === 'missing') reasons.push('Docker is not installed (`docker` is not on PATH)');
  else if (docker.kind === 'failed')
    reasons.push(`the Docker daemon does not answer \`docker info\` (${docker.detail})`);
  const k3d = await probe('k3d', ['version'], env, timeout);
  if (k3d.kind === 'missing') reasons.push('k3d is not installed (`k3d` is not on PATH)');
  else if (k3d.kind === 'failed') reasons.push(`\`k3d version\` failed (${k3d.detail})`);
  const helm = await findTool('helm', { configuredPath: null, env });
  if (helm.path === null) reasons.push('Helm is not installed (`helm` is not on PATH)');
  else if (!helm.ok)
    reasons.push(firstSentence(helm.problem ?? `Helm at ${helm.path} is not usable`));
  const taken = await takenPorts(o.ports ?? HOST_PORTS);
  if (taken.length > 0) {
    const list = taken.join(' and ');
    reasons.push(
      `host port${taken.length > 1 ? 's' : ''} ${list} ${taken.length > 1 ? 'are' : 'is'} already in use, and the cluster's load balancer needs ${taken.length > 1 ? 'them' : 'it'}`,
    );
  }
  return reasons.length > 0 ? reasons.join('; ') : null;
}

function firstSentence(text: string): string {
  return text.split(/(?<=\.) /)[0] ?? text;
}

type Probe = { kind: 'ok' } | { kind: 'missing' } | { kind: 'failed'; detail: string };

async function probe(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  timeout: number,
): Promise<Probe> {
  try {
    await run(command, args, { env, timeout });
    return { kind: 'ok' };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: string; killed?: boolean };
    if (e.code === 'ENOENT') return { kind: 'missing' };
    if (e.killed) return { kind: 'failed', detail: `no answer within ${timeout / 1000} s` };
    const line = (e.stderr ?? '').trim().split('\n').filter(Boolean).pop();
    return { kind: 'failed', detail: line ?? `exit code ${String(e.code)}` };
  }
}

/** The ports among `ports` that some program already holds on this host. */
export async function takenPorts(ports: readonly number[]): Promise<number[]> {
  const taken = await Promise.all(ports.map(async (p) => ((await portTaken(p)) ? p : null)));
  return taken.filter((p): p is number => p !== null);
}

/**
 * True when something listens on the port: it accepts a connection on loopback, or binding it
 * on all addresses fails with EADDRINUSE. A port this user may not bind (EACCES, below 1024)
 * is not taken by that alone: Docker binds it as root.
 */
export async function portTaken(port: number): Promise<boolean> {
  if (await accepts(port)) return true;
  return new Promise<boolean>((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(true);
      else if (error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    server.listen({ port, host: '0.0.0.0', exclusive: true }, () => {
      server.close(() => resolve(false));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const socket = createConnection({ port, host: '127.0.0.1' });
    const done = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}
