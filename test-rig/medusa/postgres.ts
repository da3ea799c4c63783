// A throwaway Debian PostgreSQL for the native Medusa server: its own data folder in a temp
// dir, TCP on 127.0.0.1 only, the socket inside the temp dir. Run as the `postgres` user when
// the tests run as root (PostgreSQL refuses to run as root).
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { chmod, chown, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execa } from 'execa';
import { freePort } from '../cluster/ports';

const PG_ROOT = '/usr/lib/postgresql';

export interface TestPostgres {
  port: number;
  /** postgres://medusa:<password>@127.0.0.1:<port>/medusa */
  databaseUrl: string;
  postmasterPid: number;
  stop(): Promise<void>;
}

/** The newest installed major version's bin folder, or a clear message. */
export function findPostgresBin(): string {
  const versions = existsSync(PG_ROOT)
    ? readdirSync(PG_ROOT)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(PG_ROOT, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const version = versions[0];
  if (!version) {
    throw new Error(
      'PostgreSQL is not installed here: the Medusa tests need it (Debian/Ubuntu: apt-get install postgresql)',
    );
  }
  return join(PG_ROOT, version, 'bin');
}

async function postgresIds(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const { stdout: uid } = await execa('id', ['-u', 'postgres']);
  const { stdout: gid } = await execa('id', ['-g', 'postgres']);
  return { uid: Number(uid), gid: Number(gid) };
}

export async function startPostgres(dir: string): Promise<TestPostgres> {
  const bin = findPostgresBin();
  const ids = await postgresIds();
  const asPostgres = (tool: string, args: string[]) =>
    ids
      ? execa('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args])
      : execa(join(bin, tool), args);

  const pgDir = join(dir, 'postgres');
  const dataDir = join(pgDir, 'data');
  await mkdir(pgDir, { recursive: true });
  if (ids) {
    // The postgres user must reach its folder inside root's private temp dir.
    await chmod(dir, 0o711);
    await chown(pgDir, ids.uid, ids.gid);
  }
  await chmod(pgDir, 0o700);

  await asPostgres('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '--auth-local=trust',
    '--auth-host=scram-sha-256',
    '--encoding=UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  const port = await freePort();
  // A test database: durability settings off, it is thrown away after the run.
  const options = [
    `-p ${port}`,
    `-c listen_addresses=127.0.0.1`,
    `-c unix_socket_directories=${pgDir}`,
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
  ].join(' ');
  await asPostgres('pg_ctl', [
    '-D',
    dataDir,
    '-l',
    join(pgDir, 'server.log'),
    '-o',
    options,
    '-w',
    '-t',
    '60',
    'start',
  ]);
  const pidLine = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0] ?? '';
  const postmasterPid = Number(pidLine);

  const stop = async () => {
    await asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']).catch(() => undefined);
  };

  try {
    const password = randomBytes(24).toString('hex');
    // The password goes through stdin, never on a command line.
    const sql = `CREATE ROLE medusa LOGIN PASSWORD '${password}';\nCREATE DATABASE medusa OWNER medusa;\n`;
    const psqlArgs = [
      '-h',
      pgDir,
      '-p',
      String(port),
      '-U',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-q',
      '-f',
      '-',
    ];
    const psql = ids
      ? execa('runuser', ['-u', 'postgres', '--', join(bin, 'psql'), ...psqlArgs], { input: sql })
      : execa(join(bin, 'psql'), psqlArgs, { input: sql });
    const result = await psql.catch((error: unknown) => error);
    if (result instanceof Error) {
      // psql may quote the failing statement, which holds the password.
      throw new Error('Creating the Medusa database user in the test PostgreSQL failed.');
    }
    return {
      port,
      databaseUrl: `postgres://medusa:${password}@127.0.0.1:${port}/medusa`,
      postmasterPid,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
