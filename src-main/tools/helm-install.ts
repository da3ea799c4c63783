// Fetches the pinned Helm release into the app's data folder: the checksum file first, then the
// archive, whose SHA-256 must match before anything is extracted or run. Only the helm program is
// taken out of the archive, it is run once (`helm version`) before it replaces the app's Helm.
import { chmod, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { HelmInstallProgress } from '../../src-shared/types/service-types';
import { checkHelmPath } from './check-helm-path';
import { DownloadError, downloadText, downloadToFile } from './download-file';
import type { DownloadOptions } from './download-file';
import { runCommand } from './exec';
import { helmAsset, parseChecksumFile } from './helm-release';
import { isToolError } from './tool-error';

export interface HelmInstallOptions {
  /** the app's data folder; Helm goes to <dataDir>/bin */
  dataDir: string;
  platform?: NodeJS.Platform;
  arch?: string;
  version?: string;
  /** https://get.helm.sh unless a test serves the files itself */
  baseUrl?: string;
  signal?: AbortSignal;
  onProgress?: (progress: HelmInstallProgress) => void;
  env?: NodeJS.ProcessEnv;
  fetch?: DownloadOptions['fetch'];
  stallMs?: number;
}

export class HelmInstallError extends Error {
  constructor(
    readonly reason:
      'unsupported' | 'offline' | 'download' | 'checksum' | 'extract' | 'not-helm' | 'cancelled',
    message: string,
  ) {
    super(message);
    this.name = 'HelmInstallError';
  }
}

/** Where a downloaded Helm lives inside the data folder. */
export function appHelmDir(dataDir: string): string {
  return join(dataDir, 'bin');
}

const PROGRESS_STEP_BYTES = 256 * 1024;

/**
 * Installs the pinned Helm into <dataDir>/bin and returns its path and version. Throws a
 * HelmInstallError whose message is a sentence; nothing unverified is ever run, and a failed or
 * cancelled attempt leaves no file behind but the Helm that was there before.
 */
export async function installHelm(
  opts: HelmInstallOptions,
): Promise<{ path: string; version: string }> {
  const asset = helmAsset(opts.platform ?? process.platform, opts.arch ?? process.arch, {
    version: opts.version,
    baseUrl: opts.baseUrl,
  });
  if (!asset) {
    throw new HelmInstallError(
      'unsupported',
      `Helm publishes no ready-made program for this system (${opts.platform ?? process.platform} on ${opts.arch ?? process.arch}). Install Helm yourself, then check again.`,
    );
  }
  const report = (p: Omit<HelmInstallProgress, 'version'>): void =>
    opts.onProgress?.({ ...p, version: asset.version });
  const downloads = join(opts.dataDir, 'downloads');
  await mkdir(downloads, { recursive: true });
  const work = await mkdtemp(join(downloads, 'helm-'));
  const cancelled = (): HelmInstallError =>
    new HelmInstallError('cancelled', 'The Helm download was cancelled; nothing was installed.');
  const ensureNotCancelled = (): void => {
    if (opts.signal?.aborted) throw cancelled();
  };
  try {
    const download: DownloadOptions = {
      signal: opts.signal,
      fetch: opts.fetch,
      stallMs: opts.stallMs,
    };
    report({
      phase: 'checksum',
      receivedBytes: 0,
      totalBytes: null,
      message: `Fetching the checksum of Helm ${asset.version}.`,
    });
    const sumText = await downloadText(asset.checksumUrl, download).catch(rethrow(cancelled));
    const expected = parseChecksumFile(sumText, asset.archive);
    if (!expected) {
      throw new HelmInstallError(
        'checksum',
        `The published checksum for ${asset.archive} could not be read, so Helm was not installed.`,
      );
    }

    const archivePath = join(work, asset.archive);
    let lastReported = -PROGRESS_STEP_BYTES;
    const got = await downloadToFile(asset.archiveUrl, archivePath, {
      ...download,
      onProgress: (received, total) => {
        if (received - lastReported < PROGRESS_STEP_BYTES && received !== total) return;
        lastReported = received;
        report({
          phase: 'download',
          receivedBytes: received,
          totalBytes: total,
          message: `Downloading Helm ${asset.version}.`,
        });
      },
    }).catch(rethrow(cancelled));
    ensureNotCancelled();

    report({
      phase: 'verify',
      receivedBytes: got.bytes,
      totalBytes: got.bytes,
      message: 'Checking the download against its published checksum.',
    });
    if (got.sha256 !== expected) {
      throw new HelmInstallError(
        'checksum',
        `The downloaded ${asset.archive} does not match its published checksum, so it was deleted and not run. Try again; if it happens again, install Helm yourself.`,
      );
    }

    report({
      phase: 'extract',
      receivedBytes: got.bytes,
      totalBytes: got.bytes,
      message: 'Unpacking Helm.',
    });
    const unpacked = join(work, 'unpacked');
    await mkdir(unpacked);
    const member = `${asset.folder}/${asset.program}`;
    try {
      // Only the one program is taken out: no other path in the archive is written.
      await runCommand(
        'tar',
        [asset.format === 'zip' ? '-xf' : '-xzf', archivePath, '-C', unpacked, member],
        { signal: opts.signal, timeoutMs: 60_000, env: opts.env },
      );
    } catch (error) {
      if (isToolError(error, 'cancelled')) throw cancelled();
      throw new HelmInstallError(
        'extract',
        `Helm could not be unpacked from ${asset.archive}, although its checksum matched. Install Helm yourself, then check again.`,
      );
    }
    const program = join(unpacked, asset.folder, asset.program);
    const info = await stat(program).catch(() => null);
    if (!info?.isFile()) {
      throw new HelmInstallError('extract', `${asset.archive} holds no Helm program.`);
    }
    await chmod(program, 0o755);
    ensureNotCancelled();

    report({
      phase: 'check',
      receivedBytes: got.bytes,
      totalBytes: got.bytes,
      message: 'Checking that Helm runs.',
    });
    const check = await checkHelmPath(program, { env: opts.env });
    if (!check.ok) throw new HelmInstallError('not-helm', check.problem);
    ensureNotCancelled();

    const binDir = appHelmDir(opts.dataDir);
    await mkdir(binDir, { recursive: true });
    const target = join(binDir, asset.program);
    // A rename within the data folder replaces any older copy at once.
    await rename(program, target);
    report({
      phase: 'done',
      receivedBytes: got.bytes,
      totalBytes: got.bytes,
      message: `Helm ${asset.version} is installed.`,
    });
    return { path: target, version: check.version };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function rethrow(cancelled: () => HelmInstallError) {
  return (error: unknown): never => {
    if (error instanceof DownloadError) {
      if (error.reason === 'cancelled') throw cancelled();
      throw new HelmInstallError(
        error.reason === 'offline' ? 'offline' : 'download',
        `${error.message} Helm was not installed.`,
      );
    }
    throw error;
  };
}
