// The chart's wait scripts, run for real: ShellCheck and dash for the PostgreSQL wait (the image
// runs it with BusyBox sh), Debian's pg_isready against a closed port and against a real
// PostgreSQL 15 started in a temp dir, and node against local HTTP servers for the Medusa wait.
import { chown, cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { CHART_DIR } from './render';

const FILES_DIR = join(CHART_DIR, 'files');
const WAIT_FOR_POSTGRES = join(FILES_DIR, 'wait-for-postgres.sh');
const WAIT_FOR_MEDUSA = join(FILES_DIR, 'wait-for-medusa.js');
const PG_BIN = '/usr/lib/postgresql/15/bin';
const asRoot = process.getuid?.() === 0;

async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
  ms: number;
}

async function run(command: string, args: string[], env: Record<string, string>): Promise<Run> {
  const started = Date.now();
  const result = await execa(command, args, {
    reject: false,
    timeout: 90_000,
    env,
    extendEnv: false,
    stdin: 'ignore',
  });
  return {
    exitCode: result.exitCode ?? -1,
    stdout: result.stdout,
    stderr: result.stderr,
    ms: Date.now() - started,
  };
}

const PATH = process.env.PATH ?? '/usr/bin:/bin';

describe('chart scripts', () => {
  it('ships the scripts the templates use', async () => {
    expect((await readdir(FILES_DIR)).sort()).toEqual([
      'wait-for-medusa.js',
      'wait-for-postgres.sh',
    ]);
  });

  it('wait-for-postgres.sh passes ShellCheck as POSIX sh and parses with dash', async () => {
    const check = await execa('shellcheck', ['--shell=sh', '--severity=style', WAIT_FOR_POSTGRES], {
      reject: false,
      all: true,
    });
    if (check.failed && check.exitCode === undefined)
      throw new Error(
        'shellcheck is not installed here (Debian/Ubuntu: apt-get install shellcheck)',
      );
    expect(check.all).toBe('');
    expect(check.exitCode).toBe(0);
    const parse = await execa('dash', ['-n', WAIT_FOR_POSTGRES], { reject: false, all: true });
    expect(parse.all).toBe('');
    expect(parse.exitCode).toBe(0);
  });

  it('wait-for-medusa.js passes node --check', async () => {
    const result = await execa('node', ['--check', WAIT_FOR_MEDUSA], { reject: false, all: true });
    expect(result.all).toBe('');
    expect(result.exitCode).toBe(0);
  });
});

describe('wait-for-postgres.sh with the real pg_isready', () => {
  const dirs: string[] = [];
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const stop of stops) await stop();
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('gives up after WAIT_SECONDS with a sentence when nothing answers', async () => {
    const port = await freePort();
    const result = await run('sh', [WAIT_FOR_POSTGRES], {
      PATH: `${PG_BIN}:${PATH}`,
      PGHOST: '127.0.0.1',
      PGPORT: String(port),
      PGUSER: 'medusa',
      PGDATABASE: 'medusa',
      WAIT_SECONDS: '3',
      WAIT_INTERVAL_SECONDS: '1',
    });
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      `PostgreSQL at 127.0.0.1:${port} did not accept connections within 3 s`,
    );
    // `date +%s` counts whole seconds, so the deadline is within a second of WAIT_SECONDS.
    expect(result.ms).toBeGreaterThanOrEqual(2000);
  }, 30_000);

  it('returns once a PostgreSQL that starts late accepts connections', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storefleet-pg-'));
    dirs.push(dir);
    const data = join(dir, 'data');
    // initdb refuses to run as root: as root, run the server as Debian's postgres user.
    const as = asRoot ? ['runuser', '-u', 'postgres', '--'] : [];
    if (asRoot) await chown(dir, Number((await execa('id', ['-u', 'postgres'])).stdout), 0);
    const port = await freePort();
    const waiting = run('sh', [WAIT_FOR_POSTGRES], {
      PATH: `${PG_BIN}:${PATH}`,
      PGHOST: '127.0.0.1',
      PGPORT: String(port),
      PGUSER: 'medusa',
      PGDATABASE: 'medusa',
      WAIT_SECONDS: '60',
      WAIT_INTERVAL_SECONDS: '1',
    });
    const [cmd = '', ...initArgs] = [
      ...as,
      join(PG_BIN, 'initdb'),
      '--pgdata',
      data,
      '--username',
      'medusa',
      '--auth',
      'trust',
    ];
    await execa(cmd, initArgs, { stdin: 'ignore' });
    // pg_ctl starts the server in the background and returns; afterAll stops it.
    const [ctl = '', ...ctlArgs] = [
      ...as,
      join(PG_BIN, 'pg_ctl'),
      '--pgdata',
      data,
      '--log',
      join(dir, 'server.log'),
      '--options',
      `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`,
      'start',
    ];
    await execa(ctl, ctlArgs, { stdin: 'ignore' });
    stops.push(async () => {
      const [stop = '', ...stopArgs] = [
        ...as,
        join(PG_BIN, 'pg_ctl'),
        '--pgdata',
        data,
        '--mode',
        'immediate',
        'stop',
      ];
      await execa(stop, stopArgs, { reject: false, stdin: 'ignore' });
    });
    const result = await waiting;
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe(`PostgreSQL at 127.0.0.1:${port} accepts connections`);
    expect(result.exitCode).toBe(0);
  }, 60_000);
});

describe('wait-for-medusa.js with node', () => {
  const env = (url: string, waitSeconds: string): Record<string, string> => ({
    PATH,
    MEDUSA_HEALTH_URL: url,
    WAIT_SECONDS: waitSeconds,
    WAIT_INTERVAL_SECONDS: '0.2',
  });

  it('keeps asking while /health is not 200, and returns once it is', async () => {
    let asked = 0;
    const server = createServer((req, res) => {
      asked += 1;
      res.statusCode = req.url === '/health' && asked > 2 ? 200 : 503;
      res.end(res.statusCode === 200 ? 'OK' : 'starting');
    });
    const port = await listen(server);
    try {
      const url = `http://127.0.0.1:${port}/health`;
      const result = await run('node', [WAIT_FOR_MEDUSA], env(url, '30'));
      expect(result.stderr).toBe('');
      expect(result.stdout).toBe(`Medusa answers at ${url}`);
      expect(result.exitCode).toBe(0);
      expect(asked).toBe(3);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('gives up after WAIT_SECONDS with a sentence naming the last answer', async () => {
    const url = `http://127.0.0.1:${await freePort()}/health`;
    const result = await run('node', [WAIT_FOR_MEDUSA], env(url, '1'));
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toBe(
      `Medusa at ${url} was not healthy within 1 s (last answer: ECONNREFUSED)`,
    );
    expect(result.ms).toBeGreaterThanOrEqual(1000);
  });

  it('runs as CommonJS too, as in the pod where no package.json surrounds /scripts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'storefleet-scripts-'));
    try {
      const copy = join(dir, 'wait-for-medusa.js');
      await cp(WAIT_FOR_MEDUSA, copy);
      const server = createServer((_req, res) => res.end('OK'));
      const port = await listen(server);
      try {
        const url = `http://127.0.0.1:${port}/health`;
        const result = await run(
          'node',
          ['--input-type=commonjs', '--eval', `require(${JSON.stringify(copy)})`],
          env(url, '10'),
        );
        expect(result.stderr).toBe('');
        expect(result.stdout).toBe(`Medusa answers at ${url}`);
        expect(result.exitCode).toBe(0);
      } finally {
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses to run without a URL', async () => {
    const result = await run('node', [WAIT_FOR_MEDUSA], { PATH });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe('MEDUSA_HEALTH_URL is required');
  });
});
