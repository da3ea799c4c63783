// The Helm release Storefleet offers to download when none is installed: one pinned version, the
// same one the test toolchain builds (scripts/toolchain/versions.env), fetched from Helm's own
// download site together with its published SHA-256 checksum.

/** The pinned Helm release; change it together with HELM_VERSION in scripts/toolchain/versions.env. */
export const PINNED_HELM_VERSION = '3.22.0';
/** Where Helm publishes its release archives and their `.sha256sum` files. */
export const HELM_DOWNLOAD_BASE_URL = 'https://get.helm.sh';

export interface HelmAsset {
  version: string;
  /** archive file name, e.g. helm-v3.22.0-linux-amd64.tar.gz */
  archive: string;
  /** the folder inside the archive that holds the program, e.g. linux-amd64 */
  folder: string;
  /** helm, or helm.exe on Windows */
  program: string;
  format: 'tar.gz' | 'zip';
  archiveUrl: string;
  checksumUrl: string;
}

const OS_NAMES: Partial<Record<NodeJS.Platform, string>> = {
  darwin: 'darwin',
  linux: 'linux',
  win32: 'windows',
};
const ARCH_NAMES: Partial<Record<string, string>> = {
  x64: 'amd64',
  arm64: 'arm64',
  arm: 'arm',
  ia32: '386',
  ppc64: 'ppc64le',
  s390x: 's390x',
};
/** The os-arch pairs Helm publishes binaries for. */
const PUBLISHED = new Set([
  'darwin-amd64',
  'darwin-arm64',
  'linux-amd64',
  'linux-arm64',
  'linux-arm',
  'linux-386',
  'linux-ppc64le',
  'linux-s390x',
  'windows-amd64',
  'windows-arm64',
]);

/** The archive for this system, or null when Helm publishes none for it. */
export function helmAsset(
  platform: NodeJS.Platform,
  arch: string,
  opts: { version?: string; baseUrl?: string } = {},
): HelmAsset | null {
  const os = OS_NAMES[platform];
  const cpu = ARCH_NAMES[arch];
  if (!os || !cpu || !PUBLISHED.has(`${os}-${cpu}`)) return null;
  const version = opts.version ?? PINNED_HELM_VERSION;
  const format = os === 'windows' ? 'zip' : 'tar.gz';
  const archive = `helm-v${version}-${os}-${cpu}.${format}`;
  const base = (opts.baseUrl ?? HELM_DOWNLOAD_BASE_URL).replace(/\/+$/, '');
  return {
    version,
    archive,
    folder: `${os}-${cpu}`,
    program: os === 'windows' ? 'helm.exe' : 'helm',
    format,
    archiveUrl: `${base}/${archive}`,
    checksumUrl: `${base}/${archive}.sha256sum`,
  };
}

/**
 * Reads a `.sha256sum` file as Helm publishes it (`<64 hex>  <file name>`, the format
 * `sha256sum --check` reads). Returns the lower-case digest, or null when the text is not a
 * checksum for `archive` (a missing name is accepted; a different one is not).
 */
export function parseChecksumFile(text: string, archive: string): string | null {
  const line = text.split(/\r?\n/).find((l) => l.trim().length > 0);
  if (!line) return null;
  const match = /^([0-9a-fA-F]{64})(?:\s+\*?(\S+))?\s*$/.exec(line.trim());
  if (!match?.[1]) return null;
  const name = match[2];
  if (name !== undefined && name.split('/').pop() !== archive) return null;
  return match[1].toLowerCase();
}
