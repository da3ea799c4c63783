// `k3d image import <ref> -c <cluster>`: copies the image from docker into every node of the
// k3d cluster, so pods start from it without a registry.
import { cleanK3dLine } from '../../../first-run/k3d-cluster';
import { MedusaImageError } from './image-error';
import { sentenceWith } from './sentence';
import { streamCommand } from './stream-command';

export interface K3dImportOptions {
  k3dPath: string;
  ref: string;
  cluster: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  progress: (line: string) => void;
  timeoutMs: number;
}

export function k3dImportArgs(ref: string, cluster: string): string[] {
  return ['image', 'import', ref, '-c', cluster];
}

/** The line saying what went wrong: k3d's last ERRO/FATA line, without its prefix. */
function k3dErrorLine(raw: readonly string[]): string | null {
  for (let i = raw.length - 1; i >= 0; i -= 1) {
    const line = raw[i] ?? '';
    if (/^(ERRO|FATA)\[\d+\]/.test(line)) return cleanK3dLine(line);
  }
  return null;
}

export async function k3dImport(opts: K3dImportOptions): Promise<void> {
  const raw: string[] = [];
  const result = await streamCommand(opts.k3dPath, k3dImportArgs(opts.ref, opts.cluster), {
    env: opts.env,
    signal: opts.signal,
    timeoutMs: opts.timeoutMs,
    clean: (line) => {
      raw.push(line.trim());
      if (raw.length > 50) raw.shift();
      return cleanK3dLine(line);
    },
    progress: opts.progress,
    progressIntervalMs: 0,
  });
  if (result.stopped === 'cancelled') {
    throw new MedusaImageError(
      'cancelled',
      'Importing the Medusa image into the cluster was cancelled.',
    );
  }
  const where = `the k3d cluster ${opts.cluster}`;
  if (result.stopped === 'timeout') {
    throw new MedusaImageError(
      'import-failed',
      `Importing the Medusa image into ${where} did not finish in time and was stopped.`,
      { logTail: result.tail },
    );
  }
  if (result.spawnFailed) {
    throw new MedusaImageError(
      'k3d-missing',
      `Cannot import the Medusa image into ${where}: k3d at ${opts.k3dPath} could not be started.`,
    );
  }
  if (result.exitCode === 0) return;
  if (
    result.tail.some((line) =>
      /Cannot connect to the Docker daemon|Is the docker daemon running/i.test(line),
    )
  ) {
    throw new MedusaImageError(
      'import-failed',
      `k3d could not reach Docker to import the Medusa image into ${where}. Start Docker, then retry.`,
      { logTail: result.tail },
    );
  }
  const cause = k3dErrorLine(raw);
  throw new MedusaImageError(
    'import-failed',
    cause === null
      ? `k3d could not import the Medusa image into ${where} (exit code ${String(result.exitCode)}).`
      : sentenceWith(`k3d could not import the Medusa image into ${where}: `, cause),
    { logTail: result.tail },
  );
}
