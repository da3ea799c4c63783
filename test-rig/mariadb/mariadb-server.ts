// Test support: a throw-away real MariaDB (Debian's mariadbd) listening on a free loopback TCP
// port, with one database and one user that may log in over TCP with a password. It runs as the
// mysql user when the tests run as root, in a temp dir that stop() removes. The password is
// never put on a command line or in an error.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';

export const MARIADBD = '/usr/sbin/mariadbd';
export const INSTALL_DB = '/usr/bin/mariadb-install-db';
const MYSQL_USER = 'mysql';

export interface RealMariadb {
  port: number;
  database: string;
  user: string;
  /** runs SQL as root over the server's socket */
  rootSql(sql: string): Promise<string>;
  stop(): Promise<void>;
}

/** A TCP port free on 127.0.0.1 just now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function stopProcess(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Makes a fresh MariaDB data folder and run folder (owned by the mysql user when the tests run
 * as root, as mariadbd refuses root) with root signing in over the socket only; returns the
 * arguments mariadbd then needs (--user when root).
 */
export async function initMariadbDataDir(dataDir: string, runDir: string): Promise<string[]> {
  await mkdir(dataDir);
  await mkdir(runDir);
  const userArgs: string[] = [];
  if (process.getuid?.() === 0) {
    const uid = Number((await execa('id', ['-u', MYSQL_USER])).stdout);
    const gid = Number((await execa('id', ['-g', MYSQL_USER])).stdout);
    await chown(dataDir, uid, gid);
    await chown(runDir, uid, gid);
    userArgs.push(`--user=${MYSQL_USER}`);
  }
  await execa(
    INSTALL_DB,
    [
      '--no-defaults',
      ...userArgs,
      `--datadir=${dataDir}`,
      '--auth-root-authentication-method=socket',
      '--skip-test-db',
    ],
    { all: true, timeout: 60_000 },
  );
  return userArgs;
}

const sqlString = (value: string): string =>
  `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/** A MariaDB whose `user` (password `password`) owns `database`, on 127.0.0.1:<port>. */
export async function startMariadb(o: {
  database: string;
  user: string;
  password: string;
}): Promise<RealMariadb> {
  const dir = await mkdtemp(join(tmpdir(), 'storefleet-mariadb-'));
  await chmod(dir, 0o755);
  const dataDir = join(dir, 'data');
  const runDir = join(dir, 'run');
  const socket = join(runDir, 'mysqld.sock');
  let server: ChildProcess | undefined;
  let output = '';
  const stop = async (): Promise<void> => {
    await stopProcess(server);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    const userArgs = await initMariadbDataDir(dataDir, runDir);
    const port = await freePort();
    server = spawn(
      MARIADBD,
      [
        '--no-defaults',
        ...userArgs,
        `--datadir=${dataDir}`,
        `--socket=${socket}`,
        '--bind-address=127.0.0.1',
        `--port=${port}`,
        `--pid-file=${join(runDir, 'mysqld.pid')}`,
        '--innodb-buffer-pool-size=32M',
        '--skip-log-bin',
        '--skip-name-resolve',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stdout?.on('data', (b: Buffer) => (output += b.toString()));
    server.stderr?.on('data', (b: Buffer) => (output += b.toString()));
    // SQL goes in on stdin, so the user's password never appears on a command line.
    const rootSql = async (sql: string): Promise<string> => {
      const r = await execa('mariadb', ['--no-defaults', '-S', socket, '-u', 'root', '-N'], {
        input: sql,
        reject: false,
      });
      if (r.exitCode !== 0) throw new Error(`MariaDB refused an SQL statement: ${r.stderr}`);
      return r.stdout;
    };
    const deadline = Date.now() + 30_000;
    for (;;) {
      try {
        await rootSql('SELECT 1');
        break;
      } catch (error) {
        if (Date.now() > deadline || server.exitCode !== null) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    // A failure names the database and user, never the statement (it holds the password).
    try {
      await rootSql(
        `CREATE DATABASE ${o.database}; CREATE USER ${sqlString(o.user)}@'%' IDENTIFIED BY ${sqlString(o.password)}; GRANT ALL ON ${o.database}.* TO ${sqlString(o.user)}@'%';`,
      );
    } catch {
      throw new Error(`could not create database ${o.database} and user ${o.user}`);
    }
    return { port, database: o.database, user: o.user, rootSql, stop };
  } catch (error) {
    await stop();
    const said = error instanceof Error ? error.message : String(error);
    throw new Error(`MariaDB did not start: ${said}\n${output.split('\n').slice(-15).join('\n')}`, {
      cause: error,
    });
  }
}
