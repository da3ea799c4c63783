// A real WordPress for testing the chart's must-use plugins: Debian's WordPress core (a copy in
// a temp dir, so the package stays untouched), a throw-away MariaDB on a unix socket, and PHP's
// built-in web server. Everything lives in one temp dir that stop() removes. Nothing here
// prints the admin password or the login key.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  access,
  chmod,
  copyFile,
  cp,
  mkdir,
  mkdtemp,
  readFile,
  rm,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execa } from 'execa';
import {
  INSTALL_DB,
  MARIADBD,
  freePort,
  initMariadbDataDir,
} from '../../../test-rig/mariadb/mariadb-server';

const WORDPRESS_DIR = '/usr/share/wordpress';

export const INSTALL_HINT =
  'Debian/Ubuntu: apt-get install wordpress mariadb-server php-mysql (.ci/run installs them)';

export interface RealWordpress {
  /** http://127.0.0.1:<port>, no trailing slash */
  url: string;
  adminUser: string;
  /** PHP's error log (WP_DEBUG_LOG) so far */
  errorLog(): Promise<string>;
  /**
   * A second web server for the same site and database with another environment (e.g. no login
   * key); its answers still name the site's own URL. Stopped with the site.
   */
  serveWith(env: Record<string, string>): Promise<string>;
  stop(): Promise<void>;
}

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

/** Why a real WordPress cannot run here, or null when it can. */
export async function realWordpressMissing(): Promise<string | null> {
  const missing: string[] = [];
  if (!(await exists(join(WORDPRESS_DIR, 'wp-settings.php')))) missing.push('WordPress core');
  if (!(await exists(MARIADBD)) || !(await exists(INSTALL_DB))) missing.push('MariaDB server');
  const php = await execa('php', ['-m'], { reject: false });
  if (php.exitCode !== 0) missing.push('PHP command line');
  else if (!/^mysqli$/m.test(php.stdout)) missing.push("PHP's MySQL extension");
  return missing.length === 0 ? null : `${missing.join(', ')} missing (${INSTALL_HINT})`;
}

async function waitFor(what: string, ms: number, ready: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await ready()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up within ${ms} ms`);
}

/** Signals the child's process group: PHP's web server forks its workers into it. */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch {
    child.kill(signal);
  }
}

function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    if (child) signalGroup(child, 'SIGTERM');
    return Promise.resolve();
  }
  return new Promise((done) => {
    const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      // Workers left behind by their parent go too.
      signalGroup(child, 'SIGTERM');
      done();
    });
    signalGroup(child, 'SIGTERM');
  });
}

function tail(text: string): string {
  return text.split('\n').slice(-15).join('\n');
}

function phpString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Installs WordPress into a fresh database and serves it with `plugins` as must-use plugins;
 * `env` reaches the web server's PHP through getenv(), as a pod's env reaches Apache's.
 */
export async function startRealWordpress(o: {
  muPlugins: readonly string[];
  env: Record<string, string>;
}): Promise<RealWordpress> {
  const dir = await mkdtemp(join(tmpdir(), 'storefleet-wp-'));
  // MariaDB runs as the mysql user when we are root, and must reach its folders.
  await chmod(dir, 0o755);
  const dataDir = join(dir, 'db');
  const runDir = join(dir, 'run');
  const socket = join(runDir, 'mysqld.sock');
  const docRoot = join(dir, 'wordpress');
  const errorLogPath = join(dir, 'php-errors.log');
  let mariadb: ChildProcess | undefined;
  const web: ChildProcess[] = [];
  let output = '';
  const stop = async (): Promise<void> => {
    await Promise.all(web.map(stopProcess));
    await stopProcess(mariadb);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const userArgs = await initMariadbDataDir(dataDir, runDir);
    mariadb = spawn(
      MARIADBD,
      [
        '--no-defaults',
        ...userArgs,
        `--datadir=${dataDir}`,
        `--socket=${socket}`,
        '--skip-networking',
        `--pid-file=${join(runDir, 'mysqld.pid')}`,
        '--innodb-buffer-pool-size=32M',
        '--skip-log-bin',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    mariadb.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    mariadb.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    const client = (sql: string) =>
      execa('mariadb', ['--no-defaults', '-S', socket, '-u', 'root', '-e', sql], {
        reject: false,
      });
    await waitFor('MariaDB', 20_000, async () => (await client('SELECT 1')).exitCode === 0);
    await client('CREATE DATABASE wordpress');

    // A copy, not symlinks: WordPress finds wp-config.php next to the real path of its files.
    await cp(WORDPRESS_DIR, docRoot, { recursive: true, verbatimSymlinks: true });
    const muDir = join(docRoot, 'wp-content', 'mu-plugins');
    await mkdir(muDir, { recursive: true });
    for (const plugin of o.muPlugins) await copyFile(plugin, join(muDir, basename(plugin)));

    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const salts = [
      'AUTH_KEY',
      'SECURE_AUTH_KEY',
      'LOGGED_IN_KEY',
      'NONCE_KEY',
      'AUTH_SALT',
      'SECURE_AUTH_SALT',
      'LOGGED_IN_SALT',
      'NONCE_SALT',
    ].map((name) => `define( '${name}', '${randomBytes(32).toString('hex')}' );`);
    await writeFile(
      join(docRoot, 'wp-config.php'),
      [
        '<?php',
        "define( 'DB_NAME', 'wordpress' );",
        "define( 'DB_USER', 'root' );",
        "define( 'DB_PASSWORD', '' );",
        `define( 'DB_HOST', ${phpString(`localhost:${socket}`)} );`,
        "define( 'DB_CHARSET', 'utf8mb4' );",
        "define( 'DB_COLLATE', '' );",
        ...salts,
        "$table_prefix = 'wp_';",
        `define( 'WP_HOME', '${url}' );`,
        `define( 'WP_SITEURL', '${url}' );`,
        "define( 'WP_DEBUG', true );",
        `define( 'WP_DEBUG_LOG', ${phpString(errorLogPath)} );`,
        "define( 'WP_DEBUG_DISPLAY', false );",
        "define( 'DISABLE_WP_CRON', true );",
        "if ( ! defined( 'ABSPATH' ) ) { define( 'ABSPATH', __DIR__ . '/' ); }",
        "require_once ABSPATH . 'wp-settings.php';",
        '',
      ].join('\n'),
    );
    const installer = join(dir, 'install.php');
    await writeFile(
      installer,
      [
        '<?php',
        "define( 'WP_INSTALLING', true );",
        `$_SERVER['HTTP_HOST'] = '127.0.0.1:${port}';`,
        "require getenv( 'WP_DOC_ROOT' ) . '/wp-load.php';",
        "require_once ABSPATH . 'wp-admin/includes/upgrade.php';",
        "$result = wp_install( 'Storefleet test', 'admin', 'admin@example.com', false, '', getenv( 'WP_ADMIN_PASSWORD' ) );",
        "echo 'installed user ' . $result['user_id'] . PHP_EOL;",
        '',
      ].join('\n'),
    );
    const install = await execa('php', [installer], {
      env: { WP_DOC_ROOT: docRoot, WP_ADMIN_PASSWORD: randomBytes(24).toString('base64url') },
      reject: false,
      all: true,
      timeout: 60_000,
    });
    if (!/installed user 1/.test(install.stdout)) {
      throw new Error(
        `WordPress did not install (exit ${install.exitCode}):\n${tail(install.all ?? '')}`,
      );
    }

    const serve = async (at: number, env: Record<string, string>): Promise<string> => {
      const child = spawn('php', ['-S', `127.0.0.1:${at}`, '-t', docRoot], {
        // Two workers, so a test can race two requests.
        env: { ...process.env, ...env, PHP_CLI_SERVER_WORKERS: '2' },
        // Its access log names every URL, login tokens included: not kept.
        stdio: ['ignore', 'ignore', 'ignore'],
        detached: true,
      });
      web.push(child);
      const base = `http://127.0.0.1:${at}`;
      await waitFor('PHP web server', 20_000, async () => {
        const res = await fetch(`${base}/wp-login.php`).catch(() => null);
        return res?.status === 200;
      });
      return base;
    };
    await serve(port, o.env);
    return {
      url,
      adminUser: 'admin',
      errorLog: () => readFile(errorLogPath, 'utf8').catch(() => ''),
      serveWith: async (env) => serve(await freePort(), env),
      stop,
    };
  } catch (error) {
    // MariaDB's output, never the environment (it carries the login key) nor the access log.
    const detail = tail(output);
    await stop();
    if (error instanceof Error && detail) error.message += `\n${detail}`;
    throw error;
  }
}
