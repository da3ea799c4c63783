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

async function startInChild(): Promise<{ pid: number; dir: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture, testCluster().binDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [line] = await Promise.race([
    createInterface({ input: child.stdout })
      [Symbol.asyncIterator]()
      .next()
      .then((r) => [r.value as string | undefined]),
    new Promise<never>((_, reject) =>
      child.once('exit', (code) => reject(new Error(`launcher child exited with ${code}`))),
    ),
  ]);
  return JSON.parse(line ?? '{}') as { pid: number; dir: string };
}

describe('test cluster processes', () => {
  it('are all gone, with their temp dir, after the launcher is killed with SIGKILL', async () => {
    const { pid, dir } = await startInChild();
    expect((await processesMentioning(dir)).length).toBeGreaterThanOrEqual(5);
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
