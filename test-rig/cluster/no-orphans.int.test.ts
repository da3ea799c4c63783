import { execFile, spawn } from 'node:child_process';
import { access } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { testCluster } from './test-cluster';
import { waitFor } from './wait';

const run = promisify(execFile);
const fixture = fileURLToPath(new URL('./testdata/start-and-wait.ts', import.meta.url));

async function processesMentioning(text: string): Promise<string[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,args=']);
  return stdout.split('\n').filter((line) => line.includes(text));
}

async function startInChild(): Promise<{ pid: number; dir: string; stderr: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, testCluster().binDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const [line] = await Promise.race([
    createInterface({ input: child.stdout })
      [Symbol.asyncIterator]()
      .next()
      .then((r) => [r.value as string | undefined]),
    new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`launcher child exited with ${code}`))),
    ),
  ]);
  const started = JSON.parse(line ?? '{}') as { pid: number; dir: string };
  return { ...started, stderr: () => stderr };
}

describe('test cluster processes', () => {
  it('report a component that dies, and are all gone with their temp dir after SIGKILL of the launcher', async () => {
    const { pid, dir, stderr } = await startInChild();
    const running = await processesMentioning(dir);
    expect(running.length).toBeGreaterThanOrEqual(5);
    const kwokPid = Number(
      running
        .find((l) => l.includes('/kwok '))
        ?.trim()
        .split(' ')[0],
    );
    process.kill(kwokPid, 'SIGKILL');
    await waitFor(
      'the launcher to report kwok',
      () => Promise.resolve(/kwok stopped unexpectedly/.test(stderr()) ? true : undefined),
      10_000,
    );
    expect(stderr()).toMatch(/kwok was killed by SIGKILL[\s\S]*--- log tail ---/);

    process.kill(pid, 'SIGKILL');
    await waitFor(
      'every cluster process to exit',
      async () => ((await processesMentioning(dir)).length === 0 ? true : undefined),
      15_000,
      250,
    );
    await expect(access(dir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
