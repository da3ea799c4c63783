// `docker build -t storefleet/medusa-backend:<tag> <project>`, its BuildKit lines passed on as
// progress, a failure told in one sentence with docker's last lines behind it.
import { MedusaImageError } from './image-error';
import { sentenceWith } from './sentence';
import { streamCommand } from './stream-command';

export interface DockerBuildOptions {
  dockerPath: string;
  ref: string;
  projectDir: string;
  env?: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  progress: (line: string) => void;
  timeoutMs: number;
  progressIntervalMs: number;
}

export function dockerBuildArgs(ref: string, projectDir: string): string[] {
  return ['build', '-t', ref, projectDir];
}

/** BuildKit's own summary of a failure: `ERROR: failed to solve: …` (or a step's `#9 ERROR: …`). */
export function buildErrorLine(lines: readonly string[]): string | null {
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const match = /^(?:#\d+\s+)?ERROR:?\s+(.+)$/i.exec(lines[i] ?? '');
    if (match?.[1]) return match[1];
  }
  return null;
}

function duration(ms: number): string {
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} seconds`;
  const value = Math.round(ms / 60_000);
  return value === 1 ? '1 minute' : `${value} minutes`;
}

export async function dockerBuild(opts: DockerBuildOptions): Promise<void> {
  const result = await streamCommand(opts.dockerPath, dockerBuildArgs(opts.ref, opts.projectDir), {
    // Plain BuildKit output is one event per line, whatever docker makes of its terminal.
    env: { ...(opts.env ?? process.env), BUILDKIT_PROGRESS: 'plain' },
    signal: opts.signal,
    timeoutMs: opts.timeoutMs,
    progress: opts.progress,
    progressIntervalMs: opts.progressIntervalMs,
  });
  if (result.stopped === 'cancelled') {
    throw new MedusaImageError('cancelled', 'Building the Medusa image was cancelled.');
  }
  if (result.stopped === 'timeout') {
    throw new MedusaImageError(
      'build-failed',
      `Building the Medusa image did not finish within ${duration(opts.timeoutMs)} and was stopped.`,
      { logTail: result.tail },
    );
  }
  if (result.spawnFailed) {
    throw new MedusaImageError(
      'docker-missing',
      `Cannot build the Medusa image: docker at ${opts.dockerPath} could not be started.`,
    );
  }
  if (result.exitCode === 0) return;
  const cause = buildErrorLine(result.tail);
  throw new MedusaImageError(
    'build-failed',
    cause === null
      ? `Docker could not build the Medusa image (exit code ${String(result.exitCode)}); its last lines are in the details.`
      : sentenceWith('Docker could not build the Medusa image: ', cause),
    { logTail: result.tail },
  );
}
