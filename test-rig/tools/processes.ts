import { readFile } from 'node:fs/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { isAlive } from '../../src-main/tools/process-tree';

// A killed grandchild may linger as a zombie when nothing reaps orphans (PID 1 in a container);
// a zombie runs nothing, so it counts as gone.
async function isZombie(pid: number): Promise<boolean> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  if (stat === null) return false;
  const state = stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
  return state === 'Z' || state === 'X';
}

export async function isRunning(pid: number): Promise<boolean> {
  return isAlive(pid) && !(await isZombie(pid));
}

/** Polls until `check` holds or `timeoutMs` passes; returns whether it held. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs = 5_000,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await delay(50);
  }
  return check();
}

export async function waitForFile(file: string, timeoutMs = 5_000): Promise<string> {
  let content = '';
  const found = await eventually(async () => {
    content = await readFile(file, 'utf8').catch(() => '');
    return content.trim().length > 0 && content.endsWith('\n');
  }, timeoutMs);
  if (!found) throw new Error(`${file} was not written within ${timeoutMs} ms`);
  return content;
}
