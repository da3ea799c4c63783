// The one way to the test toolchain (kube-apiserver, etcd, kwok, helm... built from Go modules by
// scripts/toolchain/build.sh). The versions are stated once, in scripts/toolchain/versions.env;
// where their build lives is computed once, by build.sh (`--print-dir`).
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
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
const versionsFile = fileURLToPath(
  new URL('../../scripts/toolchain/versions.env', import.meta.url),
);

export interface ToolchainVersions {
  K8S_VERSION: string;
  K8S_STAGING_VERSION: string;
  ETCD_VERSION: string;
  KWOK_VERSION: string;
  HELM_VERSION: string;
}

/** The pinned versions from scripts/toolchain/versions.env (KEY=VALUE lines, # comments). */
export function toolchainVersions(text = readFileSync(versionsFile, 'utf8')): ToolchainVersions {
  const found = new Map<string, string>();
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) throw new Error(`${versionsFile}: "${line}" is not a KEY=VALUE line`);
    found.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const pick = (key: keyof ToolchainVersions): string => {
    const value = found.get(key);
    if (!value) throw new Error(`${versionsFile} does not pin ${key}`);
    return value;
  };
  return {
    K8S_VERSION: pick('K8S_VERSION'),
    K8S_STAGING_VERSION: pick('K8S_STAGING_VERSION'),
    ETCD_VERSION: pick('ETCD_VERSION'),
    KWOK_VERSION: pick('KWOK_VERSION'),
    HELM_VERSION: pick('HELM_VERSION'),
  };
}

/**
 * Where build.sh puts (or has put) the toolchain's binaries, without building anything. Honours
 * STOREFLEET_TOOLCHAIN_DIR and XDG_CACHE_HOME the way the script does, because the script says.
 */
export function toolchainBinDir(env: NodeJS.ProcessEnv = process.env): string {
  const out = execFileSync('bash', [buildScript, '--print-dir'], {
    encoding: 'utf8',
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const dir = out.trim();
  if (!dir) throw new Error(`\`bash ${buildScript} --print-dir\` printed nothing`);
  return dir;
}

/** The test toolchain's helm: $STOREFLEET_HELM, else the one build.sh builds. */
export function toolchainHelm(env: NodeJS.ProcessEnv = process.env): string {
  return env.STOREFLEET_HELM || join(toolchainBinDir(env), 'helm');
}

/** The Helm version the toolchain pins, as `helm version` prints it: v3.22.0. */
export function helmPinnedVersion(): string {
  return `v${toolchainVersions().HELM_VERSION.replace(/^v/, '')}`;
}

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
