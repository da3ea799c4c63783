import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The test toolchain's helm: $STOREFLEET_HELM, else the bin dir keyed by build.sh's pins. */
export function toolchainHelm(): string {
  if (process.env.STOREFLEET_HELM) return process.env.STOREFLEET_HELM;
  const script = readFileSync(join(REPO_ROOT, 'scripts/toolchain/build.sh'), 'utf8');
  const pin = (name: string): string => {
    const value = new RegExp(`^${name}=(\\S+)$`, 'm').exec(script)?.[1];
    if (!value) throw new Error(`scripts/toolchain/build.sh does not pin ${name}`);
    return value;
  };
  const key =
    `k8s-${pin('K8S_VERSION')}_etcd-${pin('ETCD_VERSION')}` +
    `_kwok-${pin('KWOK_VERSION')}_helm-${pin('HELM_VERSION')}`;
  const cacheRoot =
    process.env.STOREFLEET_TOOLCHAIN_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'storefleet/toolchain');
  return join(cacheRoot, key, 'bin', 'helm');
}

export function helmPinnedVersion(): string {
  const script = readFileSync(join(REPO_ROOT, 'scripts/toolchain/build.sh'), 'utf8');
  return /^HELM_VERSION=(\S+)$/m.exec(script)?.[1] ?? '';
}
