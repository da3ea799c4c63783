import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Why the k3d suite cannot run on this machine, or null when Docker and k3d are both usable. */
export async function k3dUnavailableReason(): Promise<string | null> {
  try {
    await run('docker', ['info'], { timeout: 20_000 });
  } catch {
    return 'no Docker engine answers `docker info`';
  }
  try {
    await run('k3d', ['version'], { timeout: 20_000 });
  } catch {
    return '`k3d` is not on PATH';
  }
  return null;
}

export async function k3d(args: string[], timeoutMs = 10 * 60_000): Promise<string> {
  const { stdout } = await run('k3d', args, { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}
