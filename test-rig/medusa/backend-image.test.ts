// The backend project's image recipe and entry script, checked without Docker: the Dockerfile is
// parsed for the invariants the product relies on, the entry script goes through sh -n and
// ShellCheck and runs against a stand-in `medusa` command that records its arguments.
import { chmod, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKEND_DIR } from './install';
import { parseDockerfile, type DockerInstruction } from './dockerfile';

const ENTRY = join(BACKEND_DIR, 'bin', 'storefleet-medusa');
const stages = parseDockerfile(await readFile(join(BACKEND_DIR, 'Dockerfile'), 'utf8'));
const finalStage = stages.at(-1);
const buildStage = stages[0];
const args = (list: DockerInstruction[], keyword: string) =>
  list.filter((i) => i.keyword === keyword).map((i) => i.args);

describe('images/medusa Dockerfile', () => {
  it('has a build stage and a separate final stage, both on a pinned Node 20 image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) {
      expect(stage.from).toMatch(/^node:20\.\d+\.\d+-[a-z0-9-]+(@sha256:[0-9a-f]{64})?$/);
    }
  });

  it('builds the server with `medusa build` from an `npm ci` install', () => {
    const runs = args(buildStage?.instructions ?? [], 'RUN').join('\n');
    expect(runs).toMatch(/npm ci\b/);
    expect(runs).toMatch(/medusa build\b/);
  });

  it('puts only the built server and its production dependencies in the final stage', () => {
    const copies = args(finalStage?.instructions ?? [], 'COPY');
    expect(copies).toContainEqual(
      expect.stringMatching(new RegExp(`^--from=${buildStage?.name} \\S*\\.medusa/server `)),
    );
    const runs = args(finalStage?.instructions ?? [], 'RUN').join('\n');
    expect(runs).toMatch(/npm ci\b[^\n]*--omit=dev/);
    expect(runs).toMatch(/--ignore-scripts/);
    expect(runs).not.toMatch(/apt-get|apk |build-essential|python|gcc|g\+\+|\bmake\b|medusa build/);
  });

  it('lets the runtime user write only uploads; the folders `db:migrate` creates exist', () => {
    const runs = args(finalStage?.instructions ?? [], 'RUN').join('\n');
    expect(runs).toMatch(
      /for dist in \/app\/node_modules\/@medusajs\/\*\/dist; do mkdir -p "\$dist\/migrations"/,
    );
    expect(runs).toMatch(/chown node:node \/app\/static/);
    expect(runs).not.toMatch(/chown -R|chmod -R|chmod 0?777/);
  });

  it.each(stages.flatMap((stage) => args(stage.instructions, 'RUN')))(
    'RUN %s passes ShellCheck as sh',
    async (body) => {
      const dir = await mkdtemp(join(tmpdir(), 'storefleet-dockerfile-run-'));
      try {
        const file = join(dir, 'run.sh');
        await writeFile(file, `#!/bin/sh\n${body}\n`);
        const result = await execa('shellcheck', ['--shell=sh', '--severity=style', file], {
          reject: false,
          all: true,
        });
        expect(result.all).toBe('');
        expect(result.exitCode).toBe(0);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  );

  it('runs as a non-root user, from the last USER on', () => {
    const instructions = finalStage?.instructions ?? [];
    const users = args(instructions, 'USER');
    const user = users.at(-1) ?? 'root';
    expect(user).not.toMatch(/^(root|0)(:|$)/);
    const lastUser = instructions.findLastIndex((i) => i.keyword === 'USER');
    const lastRun = instructions.findLastIndex((i) => i.keyword === 'RUN');
    expect(lastUser).toBeGreaterThan(lastRun);
  });

  it('installs the entry script and starts through it', () => {
    const instructions = finalStage?.instructions ?? [];
    expect(args(instructions, 'COPY')).toContain(
      'bin/storefleet-medusa /usr/local/bin/storefleet-medusa',
    );
    expect(args(instructions, 'ENTRYPOINT')).toEqual(['["/usr/local/bin/storefleet-medusa"]']);
    expect(args(instructions, 'CMD')).toEqual(['["start"]']);
    expect(args(instructions, 'ENV').join(' ')).toMatch(/MEDUSA_APP_DIR=\/app\b/);
  });

  it('keeps dependencies and build output out of the build context', async () => {
    const ignored = (await readFile(join(BACKEND_DIR, '.dockerignore'), 'utf8')).split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', '.medusa']));
  });
});

describe('images/medusa package.json', () => {
  it('pins the Medusa packages to one exact version, as the lock file does', async () => {
    const pkg = JSON.parse(await readFile(join(BACKEND_DIR, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    const lock = JSON.parse(await readFile(join(BACKEND_DIR, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { version?: string }>;
    };
    for (const name of [
      '@medusajs/medusa',
      '@medusajs/framework',
      '@medusajs/cli',
      '@medusajs/admin-sdk',
    ]) {
      expect(pkg.dependencies[name]).toBe('2.21.2');
      expect(lock.packages[`node_modules/${name}`]?.version).toBe('2.21.2');
    }
  });
});

describe('bin/storefleet-medusa', () => {
  it('is executable', async () => {
    expect((await stat(ENTRY)).mode & 0o111).toBe(0o111);
  });

  it('parses with sh -n', async () => {
    const result = await execa('sh', ['-n', ENTRY], { reject: false, all: true });
    expect(result.all).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('passes ShellCheck as POSIX sh', async () => {
    const result = await execa('shellcheck', ['--shell=sh', '--severity=style', ENTRY], {
      reject: false,
      all: true,
    });
    if (result.failed && result.exitCode === undefined) {
      throw new Error(
        'shellcheck is not installed here: Debian/Ubuntu: apt-get install shellcheck',
      );
    }
    expect(result.all).toBe('');
    expect(result.exitCode).toBe(0);
  });

  describe('against a stand-in medusa command', () => {
    let app = '';
    const record = () => join(app, 'calls');
    const run = (command: string[], env: Record<string, string> = {}) =>
      execa(ENTRY, command, {
        reject: false,
        all: true,
        extendEnv: false,
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', MEDUSA_APP_DIR: app, ...env },
      });

    beforeAll(async () => {
      app = await mkdtemp(join(tmpdir(), 'storefleet-medusa-entry-'));
      await mkdir(join(app, 'node_modules', '.bin'), { recursive: true });
      await mkdir(join(app, 'src', 'scripts'), { recursive: true });
      await writeFile(join(app, 'src', 'scripts', 'ensure-admin.js'), '');
      await writeFile(join(app, 'src', 'scripts', 'ensure-admin.ts'), '');
      const standIn = join(app, 'node_modules', '.bin', 'medusa');
      // Like `medusa exec` running ensure-admin: the script reports success in the result file
      // unless told to act as a Medusa that failed before running it (and still exited 0).
      await writeFile(
        standIn,
        [
          '#!/bin/sh',
          `echo "$(pwd) $*" >> "${join(app, 'calls')}"`,
          'if [ -n "${STOREFLEET_ENSURE_ADMIN_RESULT:-}" ] && [ -z "${STAND_IN_SKIP_SCRIPT:-}" ]; then',
          '  printf ok > "$STOREFLEET_ENSURE_ADMIN_RESULT"',
          'fi',
          '',
        ].join('\n'),
      );
      await chmod(standIn, 0o755);
    });
    afterAll(async () => {
      await rm(app, { recursive: true, force: true });
    });

    const full = {
      DATABASE_URL: 'postgres://stand-in',
      JWT_SECRET: 'j',
      COOKIE_SECRET: 'c',
      MEDUSA_ADMIN_EMAIL: 'admin@example.test',
      MEDUSA_ADMIN_PASSWORD: 'never-printed-secret',
    };

    it.each([
      ['migrate', 'db:migrate'],
      ['start', 'start'],
      // the built server has JavaScript, which wins over the TypeScript source
      ['ensure-admin', 'exec ./src/scripts/ensure-admin.js'],
    ])('%s runs `medusa %s` in MEDUSA_APP_DIR', async (command, expected) => {
      await rm(record(), { force: true });
      const result = await run([command], full);
      expect(result.exitCode).toBe(0);
      expect(await readFile(record(), 'utf8')).toBe(`${app} ${expected}\n`);
    });

    it('ensure-admin fails when `medusa exec` exits 0 without running the script', async () => {
      const result = await run(['ensure-admin'], { ...full, STAND_IN_SKIP_SCRIPT: '1' });
      expect(result.exitCode).toBe(1);
      expect(result.all).toContain('ensure-admin did not finish');
    });

    it('migrate and ensure-admin need no JWT or cookie secret; start does', async () => {
      const { JWT_SECRET: _jwt, COOKIE_SECRET: _cookie, ...withoutSecrets } = full;
      expect((await run(['migrate'], withoutSecrets)).exitCode).toBe(0);
      expect((await run(['ensure-admin'], withoutSecrets)).exitCode).toBe(0);
      const start = await run(['start'], withoutSecrets);
      expect(start.exitCode).toBe(1);
      expect(start.all).toContain('JWT_SECRET is not set');
    });

    it('names a missing variable and never prints the password', async () => {
      const result = await run(['ensure-admin'], { ...full, MEDUSA_ADMIN_EMAIL: '' });
      expect(result.exitCode).toBe(1);
      expect(result.all).toContain('MEDUSA_ADMIN_EMAIL is not set');
      expect(result.all).not.toContain('never-printed-secret');
    });

    it('refuses unknown subcommands and a missing server folder', async () => {
      expect((await run(['seed'], full)).exitCode).toBe(64);
      expect((await run([], full)).exitCode).toBe(64);
      const missing = await run(['start'], { ...full, MEDUSA_APP_DIR: join(app, 'nope') });
      expect(missing.exitCode).toBe(1);
      expect(missing.all).toContain('does not exist');
    });
  });
});
