// The chart runs Medusa with a read-only root filesystem, writable only where it mounts
// emptyDirs: /tmp (also HOME) and <app>/static (uploads). This runs the real backend's three
// commands (migrate, ensure-admin, start) that way: in a private mount namespace whose root is
// remounted read-only, with tmpfs where the pod has emptyDirs. /tmp itself holds the app here,
// so a fresh tmpfs stands in for the pod's /tmp (HOME and TMPDIR point at it). Needs root and
// unshare(1); skips with the reason elsewhere.
import { execFileSync } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../test-rig/cluster/ports';
import { BACKEND_DIR, ensureMedusaInstall } from '../../../test-rig/medusa/install';
import { startPostgres, type TestPostgres } from '../../../test-rig/medusa/postgres';

const PROJECT_FILES = ['package.json', 'medusa-config.ts', 'tsconfig.json', 'src', 'bin'];

function cannotRun(): string | undefined {
  if (process.getuid?.() !== 0) return 'needs root to remount the root filesystem read-only';
  try {
    execFileSync('unshare', ['-m', 'true'], { stdio: 'ignore' });
  } catch {
    return 'unshare -m is not allowed here (needs CAP_SYS_ADMIN)';
  }
  return undefined;
}

const reason = cannotRun();

// In the namespace: the logs folder stays writable (its own bind mount), then the root turns
// read-only, and tmpfs go where the pod has emptyDirs. Each step's exit status is printed so a
// failing step is named; secrets stay in the environment, never on a command line.
const NAMESPACE_SCRIPT = String.raw`
set -u
mount --bind "$LOGS" "$LOGS"
mount -o remount,bind,ro /
mount -t tmpfs -o size=256m tmpfs "$POD_TMP"
mount -t tmpfs -o size=256m tmpfs "$MEDUSA_APP_DIR/static"
if touch "$MEDUSA_APP_DIR/written" 2>/dev/null; then echo "root-writable"; exit 9; fi
entry="$MEDUSA_APP_DIR/bin/storefleet-medusa"
"$entry" migrate > "$LOGS/migrate.log" 2>&1; echo "migrate=$?"
"$entry" ensure-admin > "$LOGS/ensure-admin.log" 2>&1; echo "ensure-admin=$?"
"$entry" start > "$LOGS/start.log" 2>&1 &
pid=$!
status=none
for _ in $(seq 1 600); do
  if ! kill -0 "$pid" 2>/dev/null; then status=exited; break; fi
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/health" || true)
  if [ "$code" = 200 ]; then status=200; break; fi
  sleep 0.5
done
echo "health=$status"
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
find "$POD_TMP" -maxdepth 2 -mindepth 1 -printf 'wrote=%P\n'
exit 0
`;

describe.skipIf(reason !== undefined)(
  `Medusa with a read-only root filesystem${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    let dir = '';
    let postgres: TestPostgres | undefined;
    afterAll(async () => {
      await postgres?.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('migrates, creates the admin and serves /health writing only to /tmp and the uploads folder', async () => {
      const install = await ensureMedusaInstall(() => {});
      dir = await mkdtemp(join(tmpdir(), 'storefleet-medusa-ro-'));
      const app = join(dir, 'app');
      for (const file of PROJECT_FILES)
        await cp(join(BACKEND_DIR, file), join(app, file), { recursive: true });
      await symlink(join(install.dir, 'node_modules'), join(app, 'node_modules'), 'dir');
      const podTmp = join(dir, 'pod-tmp');
      const logs = join(dir, 'logs');
      for (const folder of [join(app, 'static'), podTmp, logs]) await mkdir(folder);
      postgres = await startPostgres(dir);
      const port = await freePort();
      const url = `http://127.0.0.1:${port}`;
      const result = await execa(
        'unshare',
        ['-m', '--propagation', 'private', 'bash', '-c', NAMESPACE_SCRIPT],
        {
          reject: false,
          timeout: 540_000,
          extendEnv: false,
          env: {
            PATH: process.env.PATH ?? '/usr/bin:/bin',
            LOGS: logs,
            POD_TMP: podTmp,
            // As the chart sets them (HOME=/tmp; os.tmpdir() is /tmp in the pod).
            HOME: podTmp,
            TMPDIR: podTmp,
            MEDUSA_APP_DIR: app,
            DATABASE_URL: postgres.databaseUrl,
            JWT_SECRET: 'j'.repeat(32),
            COOKIE_SECRET: 'c'.repeat(32),
            STORE_CORS: url,
            ADMIN_CORS: url,
            AUTH_CORS: url,
            MEDUSA_BACKEND_URL: url,
            PORT: String(port),
            MEDUSA_WORKER_MODE: 'shared',
            MEDUSA_ADMIN_DISABLED: 'true',
            MEDUSA_COOKIE_SECURE: 'false',
            NODE_ENV: 'production',
            MEDUSA_DISABLE_TELEMETRY: 'true',
            MEDUSA_ADMIN_EMAIL: 'admin@example.com',
            MEDUSA_ADMIN_PASSWORD: 'p'.repeat(32),
          },
        },
      );
      const lines = result.stdout.split('\n');
      const logTail = async (step: string): Promise<string> =>
        (await readFile(join(logs, `${step}.log`), 'utf8').catch(() => ''))
          .split('\n')
          .slice(-15)
          .join('\n');
      expect(lines, 'the root filesystem stayed writable').not.toContain('root-writable');
      expect(lines, await logTail('migrate')).toContain('migrate=0');
      expect(lines, await logTail('ensure-admin')).toContain('ensure-admin=0');
      expect(lines, await logTail('start')).toContain('health=200');
      for (const step of ['migrate', 'ensure-admin', 'start'])
        expect(await readFile(join(logs, `${step}.log`), 'utf8'), step).not.toMatch(
          /EROFS|read-only file system/i,
        );
      // What Medusa did write went to the pod's /tmp: its CLI config under HOME, compile caches.
      const wrote = lines
        .filter((l) => l.startsWith('wrote='))
        .map((l) => l.slice('wrote='.length));
      expect(wrote).toEqual(expect.arrayContaining(['.config']));
    }, 600_000);
  },
);
