import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KILL_GRACE_MS, ToolError, killAllChildren, runCommand, runningChildCount } from './exec';
import { eventually, isRunning, waitForFile } from '../../test-rig/tools/processes';

const node = process.execPath;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-exec-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

// `sh -c` script that starts a long-running grandchild, records both pids, then waits on it.
function treeScript(pidFile: string, trapTerm: boolean): string[] {
  const trap = trapTerm ? 'trap "" TERM; ' : '';
  return ['-c', `${trap}sleep 60 & echo "$$ $!" > '${pidFile}'; wait`];
}

async function readPids(pidFile: string): Promise<number[]> {
  const text = await waitForFile(pidFile);
  return text.trim().split(' ').map(Number);
}

describe('runCommand', () => {
  it('returns stdout and stderr of a successful command', async () => {
    const result = await runCommand(node, [
      '-e',
      'process.stdout.write("out"); process.stderr.write("err")',
    ]);
    expect(result).toEqual({ stdout: 'out', stderr: 'err', exitCode: 0 });
  });

  it('passes input on stdin, cwd and env (undefined removes a variable)', async () => {
    process.env.STOREFLEET_EXEC_TEST_UNSET = 'present';
    try {
      const result = await runCommand(
        node,
        [
          '-e',
          'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.stringify([s,process.cwd(),process.env.A,process.env.STOREFLEET_EXEC_TEST_UNSET ?? null])))',
        ],
        { input: 'hello', cwd: dir, env: { A: 'b', STOREFLEET_EXEC_TEST_UNSET: undefined } },
      );
      expect(JSON.parse(result.stdout)).toEqual(['hello', dir, 'b', null]);
    } finally {
      delete process.env.STOREFLEET_EXEC_TEST_UNSET;
    }
  });

  it('rejects a non-zero exit with exit code, command and the last 20 stderr lines', async () => {
    const p = runCommand(node, [
      '-e',
      'for (let i = 1; i <= 30; i++) console.error("line " + i); process.exit(3)',
    ]);
    await expect(p).rejects.toBeInstanceOf(ToolError);
    const error = (await p.catch((e: unknown) => e)) as ToolError;
    expect(error.code).toBe('failed');
    expect(error.exitCode).toBe(3);
    expect(error.command).toMatch(/^node -e /);
    const lines = error.stderrTail.split('\n');
    expect(lines).toHaveLength(20);
    expect(lines[0]).toBe('line 11');
    expect(lines[19]).toBe('line 30');
    expect(error.message).toBe(error.stderrTail);
  });

  it('names the exit code when a failing command printed nothing', async () => {
    await expect(runCommand(node, ['-e', 'process.exit(7)'])).rejects.toMatchObject({
      code: 'failed',
      exitCode: 7,
      message: 'node exited with code 7.',
    });
  });

  it('maps known stderr to a plain-language message', async () => {
    const p = runCommand('sh', [
      '-c',
      'echo "Error: INSTALLATION FAILED: cannot re-use a name that is still in use" >&2; exit 1',
    ]);
    await expect(p).rejects.toMatchObject({
      code: 'release-exists',
      exitCode: 1,
      message: expect.stringMatching(/already exists/) as unknown,
      stderrTail: expect.stringContaining('cannot re-use a name') as unknown,
    });
  });

  it('reports a missing binary as not-found', async () => {
    await expect(runCommand(join(dir, 'no-such-tool'), ['version'])).rejects.toMatchObject({
      code: 'not-found',
      exitCode: null,
    });
  });

  it('redacts --set and --password values from the command, stderr tail and message', async () => {
    const p = runCommand(node, [
      '-e',
      'console.error("bad: " + process.argv.slice(1).join(" ")); process.exit(1)',
      '--',
      '--set',
      'wordpress.adminPassword=hunter2hunter2',
      '--set-string=db.password=s3cr3tpass',
      '--password',
      'topsecretpw',
      '--namespace',
      'store-a',
    ]);
    const error = (await p.catch((e: unknown) => e)) as ToolError;
    expect(error).toBeInstanceOf(ToolError);
    const everything = `${error.command}\n${error.stderrTail}\n${error.message}`;
    for (const secret of ['hunter2hunter2', 's3cr3tpass', 'topsecretpw']) {
      expect(everything).not.toContain(secret);
    }
    expect(error.command).toContain(
      '--set *** --set-string=*** --password *** --namespace store-a',
    );
    expect(error.stderrTail).toContain('--namespace store-a');
  });

  it('stops a command that exceeds its timeout', async () => {
    const started = Date.now();
    await expect(
      runCommand(node, ['-e', 'setInterval(() => {}, 1000)'], { timeoutMs: 300 }),
    ).rejects.toMatchObject({
      code: 'timeout',
      message: 'node did not finish within 0.3 s and was stopped.',
    });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('a timeout kills the whole process tree too', async () => {
    const pidFile = join(dir, 'pids');
    const p = runCommand('sh', treeScript(pidFile, false), { timeoutMs: 2_000 });
    const [, sleepPid] = await readPids(pidFile);
    await expect(p).rejects.toMatchObject({ code: 'timeout' });
    expect(await eventually(async () => !(await isRunning(sleepPid!)))).toBe(true);
  });

  it('rejects at once when the signal is already aborted, without starting anything', async () => {
    const pidFile = join(dir, 'pids');
    const controller = new AbortController();
    controller.abort();
    await expect(
      runCommand('sh', treeScript(pidFile, false), { signal: controller.signal }),
    ).rejects.toMatchObject({ code: 'cancelled' });
    expect(runningChildCount()).toBe(0);
  });

  it('abort kills the whole process tree', async () => {
    const pidFile = join(dir, 'pids');
    const controller = new AbortController();
    const p = runCommand('sh', treeScript(pidFile, false), { signal: controller.signal });
    const [shPid, sleepPid] = await readPids(pidFile);
    expect(await isRunning(sleepPid!)).toBe(true);
    controller.abort();
    await expect(p).rejects.toMatchObject({ code: 'cancelled', message: 'sh was cancelled.' });
    expect(await eventually(async () => !(await isRunning(shPid!)))).toBe(true);
    expect(await eventually(async () => !(await isRunning(sleepPid!)))).toBe(true);
  });

  it('killAllChildren SIGKILLs a tree that ignores SIGTERM after the grace period', async () => {
    const pidFile = join(dir, 'pids');
    const p = runCommand('sh', treeScript(pidFile, true));
    const [, sleepPid] = await readPids(pidFile);
    expect(runningChildCount()).toBe(1);
    const started = Date.now();
    await killAllChildren();
    expect(Date.now() - started).toBeGreaterThanOrEqual(KILL_GRACE_MS - 100);
    await expect(p).rejects.toMatchObject({ code: 'cancelled' });
    expect(await eventually(async () => !(await isRunning(sleepPid!)))).toBe(true);
    expect(runningChildCount()).toBe(0);
  });
});

describe('runCommand redact option', () => {
  it('scrubs caller-supplied secrets that a tool echoes from a values file', async () => {
    const p = runCommand(
      node,
      ['-e', 'console.error("rejected value Zq9-values-secret"); process.exit(1)'],
      {
        redact: ['Zq9-values-secret'],
      },
    );
    await expect(p).rejects.toMatchObject({
      stderrTail: 'rejected value ***',
      message: 'rejected value ***',
    });
  });
});
