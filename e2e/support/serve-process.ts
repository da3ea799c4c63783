// The browser host as a real child process, started the way a user starts it.
import { spawn } from 'node:child_process';
import { delimiter } from 'node:path';
import { REPO_ROOT } from './build-renderer';
import { LineReader } from './line-reader';

export interface ServeProcessOptions {
  kubeconfig: string;
  dataDir: string;
  storefrontPort: number;
  /** prepended to PATH so the app finds the test toolchain's helm */
  binDir: string;
  /** set last, over everything above (a first-run spec gives an empty HOME, no KUBECONFIG) */
  env?: NodeJS.ProcessEnv;
}

export interface ServeProcess {
  /** `http://127.0.0.1:<port>/?token=…` as printed on stdout */
  url: string;
  port: number;
  stdout: LineReader;
  stderr: LineReader;
  /** SIGTERM to the whole process group; rejects if anything in it outlives the grace period */
  stop(): Promise<void>;
}

const START_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 20_000;
const SERVING = /^Storefleet is serving (http:\/\/127\.0\.0\.1:(\d+)\/\?token=[0-9a-f]+)$/;

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitGone(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (groupAlive(pgid)) {
    if (Date.now() > deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return true;
}

export async function startServeProcess(o: ServeProcessOptions): Promise<ServeProcess> {
  // Its own process group, so stopping it reaches npx, tsx, node and any helm they started.
  const child = spawn('npx', ['tsx', 'src-main/serve/cli.ts'], {
    cwd: REPO_ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PATH: `${o.binDir}${delimiter}${process.env.PATH ?? ''}`,
      KUBECONFIG: o.kubeconfig,
      STOREFLEET_DATA_DIR: o.dataDir,
      STOREFLEET_STOREFRONT_PORT: String(o.storefrontPort),
      STOREFLEET_PORT: '',
      ...o.env,
    },
  });
  const pgid = child.pid;
  if (pgid === undefined) throw new Error('the serve host did not start (no pid)');
  const stdout = new LineReader(child.stdout);
  const stderr = new LineReader(child.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      if (groupAlive(pgid)) process.kill(-pgid, 'SIGTERM');
      if (await waitGone(pgid, STOP_GRACE_MS)) return;
      process.kill(-pgid, 'SIGKILL');
      throw new Error(
        `the serve host (process group ${pgid}) was still running ${STOP_GRACE_MS} ms after SIGTERM`,
      );
    })();
    return stopped;
  };

  const line = await Promise.race([
    stdout.waitFor(SERVING, START_TIMEOUT_MS),
    exited.then((code) => {
      throw new Error(
        `the serve host exited with ${code} before serving:\n${stderr.lines.slice(-20).join('\n')}`,
      );
    }),
  ]).catch(async (error: unknown) => {
    await stop().catch(() => undefined);
    throw error;
  });
  const match = SERVING.exec(line);
  const url = match?.[1];
  const port = Number(match?.[2]);
  if (!url || !port) throw new Error('the serving line did not carry a URL');
  return { url, port, stdout, stderr, stop };
}
