import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Component } from './component';
import { exitError } from './component-exit';
import { ClusterError } from './errors';
import { startReaper, type Reaper } from './reaper';

let dir = '';
let reaper: Reaper;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-component-test-'));
  reaper = startReaper();
});
afterAll(async () => {
  reaper.release();
  await rm(dir, { recursive: true, force: true });
});

function shell(name: string, script: string): Component {
  return new Component(
    { name, command: 'sh', args: ['-c', script], logFile: join(dir, `${name}.log`) },
    reaper,
  );
}

describe('component exit reports', () => {
  it('names a busy port and says what to do', async () => {
    const c = shell(
      'busy',
      'echo "starting"; echo "listen tcp 127.0.0.1:41234: bind: address already in use"; exit 1',
    );
    const error = await exitError(c, await c.exited);
    expect(error).toBeInstanceOf(ClusterError);
    expect(error.reason).toBe('busy could not listen: port 41234 is already in use');
    expect(error.fix).toMatch(/run again/);
  });

  it('gives the exit code and the log tail of a crashed component', async () => {
    const c = shell('crashy', 'for i in 1 2 3; do echo "line $i"; done; exit 3');
    const error = await exitError(c, await c.exited);
    expect(error.reason).toMatch(/^crashy exited with code 3/);
    expect(error.logTail).toEqual(['line 1', 'line 2', 'line 3']);
    expect(error.message).not.toMatch(/\n\s+at /);
  });

  it('stops a running component and everything it started', async () => {
    const c = shell('sleeper', 'sleep 30 & sleep 30');
    await new Promise((r) => setTimeout(r, 200));
    await c.stop(1000);
    expect(await c.exited).toMatchObject({ signal: 'SIGTERM' });
  });
});
