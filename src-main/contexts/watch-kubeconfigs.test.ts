import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchKubeconfigs } from './watch-kubeconfigs';

let dir: string;
let stop: (() => void) | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-watch-'));
});
afterEach(async () => {
  stop?.();
  stop = undefined;
  await rm(dir, { recursive: true, force: true });
});

/** Starts a watch that counts calls; `settle` waits past the debounce and returns the count. */
function counting(paths: string[]): { settle: () => Promise<number> } {
  let calls = 0;
  stop = watchKubeconfigs(paths, () => calls++);
  return {
    settle: async () => {
      await delay(600);
      return calls;
    },
  };
}

describe('watchKubeconfigs', () => {
  it('reports a created file once for a burst of writes', async () => {
    const file = join(dir, 'config');
    const watch = counting([file]);
    for (let i = 0; i < 5; i++) await writeFile(file, `current-context: c${i}\n`);
    expect(await watch.settle()).toBe(1);
  });

  it('reports a file replaced by rename', async () => {
    const file = join(dir, 'config');
    await writeFile(file, 'a: 1\n');
    const watch = counting([file]);
    await writeFile(join(dir, 'config.tmp'), 'a: 2\n');
    await rename(join(dir, 'config.tmp'), file);
    expect(await watch.settle()).toBe(1);
  });

  it('reports a removed file', async () => {
    const file = join(dir, 'config');
    await writeFile(file, 'a: 1\n');
    const watch = counting([file]);
    await rm(file);
    expect(await watch.settle()).toBe(1);
  });

  it('ignores other files in the same directory', async () => {
    const watch = counting([join(dir, 'config')]);
    await writeFile(join(dir, 'cache.json'), '{}');
    expect(await watch.settle()).toBe(0);
  });

  it('watches files in several directories', async () => {
    await mkdir(join(dir, 'a'));
    await mkdir(join(dir, 'b'));
    const watch = counting([join(dir, 'a', 'one.yaml'), join(dir, 'b', 'two.yaml')]);
    await writeFile(join(dir, 'b', 'two.yaml'), 'x: 1\n');
    expect(await watch.settle()).toBe(1);
    await writeFile(join(dir, 'a', 'one.yaml'), 'x: 1\n');
    expect(await watch.settle()).toBe(2);
  });

  it('sees a file whose directories do not exist yet', async () => {
    const file = join(dir, 'home', '.kube', 'config');
    const watch = counting([file]);
    await mkdir(join(dir, 'home'));
    await delay(50);
    await mkdir(join(dir, 'home', '.kube'));
    await delay(50);
    await writeFile(file, 'current-context: k3d-shop\n');
    expect(await watch.settle()).toBeGreaterThanOrEqual(1);
  });

  it('stays quiet after stop', async () => {
    const file = join(dir, 'config');
    const watch = counting([file]);
    stop?.();
    await writeFile(file, 'a: 1\n');
    expect(await watch.settle()).toBe(0);
  });

  it('cancels a pending notification on stop', async () => {
    const file = join(dir, 'config');
    const watch = counting([file]);
    await writeFile(file, 'a: 1\n');
    await delay(20);
    stop?.();
    expect(await watch.settle()).toBe(0);
  });
});
