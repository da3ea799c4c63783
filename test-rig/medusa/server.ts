// The real Medusa backend (images/medusa) run natively for tests, through the same entry script
// the image runs: `storefleet-medusa migrate`, `ensure-admin` (twice: it must be idempotent),
// then `start` with the admin dashboard off. Logs go to a file in the temp dir; secrets never
// reach the output.
import { randomBytes } from 'node:crypto';
import { createWriteStream, type WriteStream } from 'node:fs';
import { cp, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { freePort } from '../cluster/ports';
import { startReaper } from '../cluster/reaper';
import { BACKEND_DIR, ensureMedusaInstall } from './install';
import { startPostgres } from './postgres';

/** What tests need to reach the server; plain data so vitest can hand it to workers. */
export interface MedusaServerInfo {
  url: string;
  adminEmail: string;
  adminPassword: string;
  databaseUrl: string;
  /** server log (migrate, ensure-admin and start output) */
  logPath: string;
  /** the backend project the server runs from (MEDUSA_APP_DIR) */
  appDir: string;
}

export interface MedusaServerTimings {
  installSeconds: number;
  migrateSeconds: number;
  ensureAdminSeconds: number[];
  startSeconds: number;
}

export interface MedusaServer extends MedusaServerInfo {
  dir: string;
  pid: number;
  timings: MedusaServerTimings;
  stop(): Promise<void>;
}

export interface StartMedusaServerOptions {
  log?: (line: string) => void;
  /** how long `start` may take to answer /health; 180 s by default */
  readyTimeoutMs?: number;
}

const ENTRY = join('bin', 'storefleet-medusa');
/** The backend's own files copied per run; node_modules comes from the install cache. */
const PROJECT_FILES = ['package.json', 'medusa-config.ts', 'tsconfig.json', 'src', 'bin'];

function redactor(secrets: string[]): (text: string) => string {
  return (text) => secrets.reduce((out, secret) => out.split(secret).join('***'), text);
}

async function tail(path: string, redact: (text: string) => string): Promise<string> {
  const text = await readFile(path, 'utf8').catch(() => '');
  return redact(text.split('\n').slice(-40).join('\n'));
}

export async function startMedusaServer(
  options: StartMedusaServerOptions = {},
): Promise<MedusaServer> {
  const log = options.log ?? (() => {});
  const install = await ensureMedusaInstall(log);

  const dir = await mkdtemp(join(tmpdir(), 'storefleet-medusa-'));
  const reaper = startReaper(dir);
  const logPath = join(dir, 'medusa.log');
  let logStream: WriteStream | undefined;
  let postgres: Awaited<ReturnType<typeof startPostgres>> | undefined;
  let server: ResultPromise | undefined;

  const stop = async () => {
    if (server?.pid && server.exitCode === null) {
      const exited = server.catch(() => undefined);
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timer = setTimeout(() => {
        try {
          if (server?.pid) process.kill(-server.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
    await postgres?.stop();
    logStream?.end();
    reaper.release();
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const appDir = join(dir, 'app');
    for (const file of PROJECT_FILES) {
      await cp(join(BACKEND_DIR, file), join(appDir, file), { recursive: true });
    }
    await symlink(join(install.dir, 'node_modules'), join(appDir, 'node_modules'), 'dir');

    postgres = await startPostgres(dir);
    reaper.watch(postgres.postmasterPid);
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const adminEmail = 'admin@storefleet.test';
    const adminPassword = randomBytes(18).toString('base64url');
    const jwtSecret = randomBytes(32).toString('hex');
    const cookieSecret = randomBytes(32).toString('hex');
    const redact = redactor([adminPassword, jwtSecret, cookieSecret, postgres.databaseUrl]);

    // Only what the container would have: vitest's own environment (NODE_ENV=test among it)
    // would change how Medusa behaves.
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
      HOME: process.env.HOME ?? dir,
      TMPDIR: tmpdir(),
      NODE_ENV: 'production',
      MEDUSA_DISABLE_TELEMETRY: 'true',
      MEDUSA_APP_DIR: appDir,
      DATABASE_URL: postgres.databaseUrl,
      JWT_SECRET: jwtSecret,
      COOKIE_SECRET: cookieSecret,
      STORE_CORS: url,
      ADMIN_CORS: url,
      AUTH_CORS: url,
      MEDUSA_BACKEND_URL: url,
      PORT: String(port),
      MEDUSA_WORKER_MODE: 'shared',
      MEDUSA_ADMIN_DISABLED: 'true',
      MEDUSA_COOKIE_SECURE: 'false',
      MEDUSA_ADMIN_EMAIL: adminEmail,
      MEDUSA_ADMIN_PASSWORD: adminPassword,
    };
    logStream = createWriteStream(logPath, { flags: 'a', mode: 0o600 });
    const out = logStream;
    const entry = join(appDir, ENTRY);

    const step = async (command: string): Promise<number> => {
      const begun = Date.now();
      out.write(`\n=== storefleet-medusa ${command}\n`);
      const child = execa(entry, [command], {
        env,
        extendEnv: false,
        reject: false,
        all: true,
        cwd: appDir,
      });
      child.all?.pipe(out, { end: false });
      const result = await child;
      const seconds = (Date.now() - begun) / 1000;
      if (result.exitCode !== 0) {
        throw new Error(
          `storefleet-medusa ${command} failed (exit ${result.exitCode}); log ${logPath}:\n` +
            (await tail(logPath, redact)),
        );
      }
      log(`[medusa] ${command} took ${seconds.toFixed(1)} s`);
      return seconds;
    };

    const migrateSeconds = await step('migrate');
    const ensureAdminSeconds = [await step('ensure-admin'), await step('ensure-admin')];

    const begun = Date.now();
    out.write('\n=== storefleet-medusa start\n');
    server = execa(entry, ['start'], {
      env,
      extendEnv: false,
      reject: false,
      all: true,
      cwd: appDir,
      detached: true,
    });
    server.all?.pipe(out, { end: false });
    if (server.pid) reaper.watch(server.pid);
    const running = server;
    let exited = false;
    void running.then(() => {
      exited = true;
    });
    const deadline = Date.now() + (options.readyTimeoutMs ?? 180_000);
    for (;;) {
      if (exited) {
        throw new Error(
          `storefleet-medusa start exited before /health answered; log ${logPath}:\n` +
            (await tail(logPath, redact)),
        );
      }
      const ok = await fetch(`${url}/health`).then(
        (res) => res.status === 200,
        () => false,
      );
      if (ok) break;
      if (Date.now() > deadline) {
        throw new Error(
          `Medusa did not answer /health in time; log ${logPath}:\n${await tail(logPath, redact)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const startSeconds = (Date.now() - begun) / 1000;
    log(`[medusa] start -> /health 200 took ${startSeconds.toFixed(1)} s at ${url}`);

    return {
      url,
      adminEmail,
      adminPassword,
      databaseUrl: postgres.databaseUrl,
      logPath,
      appDir,
      dir,
      pid: running.pid ?? 0,
      timings: {
        installSeconds: install.seconds,
        migrateSeconds,
        ensureAdminSeconds,
        startSeconds,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
