import { chmod, mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkHelmPath } from './check-helm-path';
import { helmPinnedVersion, toolchainHelm } from '../../test-rig/cluster/toolchain';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'storefleet-check-helm-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A real shell script run as a child process; `mode` 0o644 makes it not executable. */
async function script(name: string, body: string, mode = 0o755): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, `#!/bin/sh\n${body}\n`);
  await chmod(path, mode);
  return path;
}

describe('checkHelmPath with real child processes', () => {
  it('accepts the real Helm of the test toolchain, and the folder holding it', async () => {
    const helm = toolchainHelm();
    const version = helmPinnedVersion();
    await expect(checkHelmPath(helm)).resolves.toEqual({ ok: true, path: helm, version });
    await expect(checkHelmPath(dirname(helm))).resolves.toEqual({ ok: true, path: helm, version });
  });

  it('refuses /bin/sh: it is not Helm, and says what its `version` answered', async () => {
    const check = await checkHelmPath('/bin/sh');
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.problem).toMatch(
      /^\/bin\/sh is not Helm: its `version` answered with an error \(/,
    );
    expect(check.problem).toContain('version');
  });

  it('refuses a script that prints something other than a version', async () => {
    const path = await script('helm', 'echo "hello from a script"');
    await expect(checkHelmPath(path)).resolves.toEqual({
      ok: false,
      problem: `${path} is not Helm: its \`version\` answered "hello from a script". Set the full path to the helm program, or leave it empty to find helm on PATH.`,
    });
  });

  it('refuses a script printing v3.9.4 as too old', async () => {
    const path = await script('helm', 'echo v3.9.4');
    await expect(checkHelmPath(path)).resolves.toEqual({
      ok: false,
      problem: `Helm 3.9.4 at ${path} is too old; Storefleet needs 3.12 or newer.`,
    });
  });

  it('accepts a script printing v3.12.0, the oldest Helm that is new enough', async () => {
    const path = await script('helm', 'echo v3.12.0');
    await expect(checkHelmPath(path)).resolves.toMatchObject({ ok: true, version: 'v3.12.0' });
  });

  it('refuses a file that is not executable, without running it', async () => {
    const marker = join(dir, 'ran');
    const path = await script('helm', `touch ${marker}\necho v3.14.0`, 0o644);
    const check = await checkHelmPath(path);
    expect(check).toEqual({
      ok: false,
      problem: `${path} is not executable, so it cannot be Helm. Set the full path to the helm program, or leave it empty to find helm on PATH.`,
    });
    await expect(stat(marker)).rejects.toThrow(/ENOENT/);
  });

  it('refuses a path where there is no file', async () => {
    const path = join(dir, 'nope', 'helm');
    await expect(checkHelmPath(path)).resolves.toEqual({
      ok: false,
      problem: `There is no file at ${path}. Set the full path to the helm program, or leave it empty to find helm on PATH.`,
    });
  });

  it('refuses a folder without helm in it', async () => {
    await mkdir(join(dir, 'empty'));
    const check = await checkHelmPath(join(dir, 'empty'));
    expect(check).toMatchObject({ ok: false });
    if (!check.ok) expect(check.problem).toMatch(/^The folder .*empty holds no helm program\./);
  });

  it('refuses a program that does not answer within the deadline', async () => {
    const path = await script('helm', 'sleep 30');
    const started = Date.now();
    await expect(checkHelmPath(path, { timeoutMs: 300 })).resolves.toEqual({
      ok: false,
      problem: `${path} is not Helm: its \`version\` answered nothing within 0.3 s. Set the full path to the helm program, or leave it empty to find helm on PATH.`,
    });
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
