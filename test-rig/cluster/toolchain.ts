import { spawn } from 'node:child_process';
import { access, constants } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ClusterError } from './errors';

export const REQUIRED_BINARIES = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kwok',
  'helm',
  'kubectl',
] as const;

const buildScript = fileURLToPath(new URL('../../scripts/toolchain/build.sh', import.meta.url));

/**
 * Runs the toolchain build script (a no-op when everything is cached) and returns its bin dir.
 * The script's `[toolchain]` progress lines go to `log` as they come, since a cold build takes
 * many minutes and silence would look like a hang.
 */
export async function findToolchain(
  log: (line: string) => void = () => {},
  env: NodeJS.ProcessEnv = process.env,
): Promise<string> {
  const child = spawn('bash', [buildScript], { stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  const stderrLines: string[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  let pending = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    pending += chunk;
    const lines = pending.split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      stderrLines.push(line);
      log(line);
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (pending) stderrLines.push(pending);
  if (code !== 0) {
    const reason = stderrLines.find((l) => l.startsWith('[toolchain] error:'));
    const fix = stderrLines.find((l) => l.startsWith('[toolchain] fix:'));
    throw new ClusterError(
      reason?.replace('[toolchain] error: ', '') ?? `the toolchain build failed (exit ${code})`,
      fix?.replace('[toolchain] fix: ', '') ??
        `run \`bash ${buildScript}\` and fix what it reports`,
      stderrLines.slice(-15),
    );
  }
  const binDir = stdout.trim().split('\n').pop() ?? '';
  await assertBinaries(binDir);
  return binDir;
}

export async function assertBinaries(binDir: string): Promise<void> {
  const missing: string[] = [];
  for (const name of REQUIRED_BINARIES) {
    await access(join(binDir, name), constants.X_OK).catch(() => missing.push(name));
  }
  if (missing.length > 0) {
    throw new ClusterError(
      `missing test toolchain binaries in ${binDir}: ${missing.join(', ')}`,
      'run `npm run toolchain` (bash scripts/toolchain/build.sh) to build them',
    );
  }
}
