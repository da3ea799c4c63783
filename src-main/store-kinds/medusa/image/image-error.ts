/** Why the Medusa image could not be made available; each comes with a sentence for a person. */
export type MedusaImageFailure =
  | 'project-missing'
  | 'no-image'
  | 'docker-missing'
  | 'docker-down'
  | 'build-failed'
  | 'k3d-missing'
  | 'import-failed'
  | 'cancelled';

/**
 * The image step's one error. `message` is one sentence (at most 200 characters, no newline);
 * `logTail` holds the last lines the tool printed, which the engine's failure summary shows
 * behind Details. Neither ever holds a secret: the build gets none.
 */
export class MedusaImageError extends Error {
  override readonly name = 'MedusaImageError';
  readonly logTail: string[] | undefined;

  constructor(
    readonly reason: MedusaImageFailure,
    message: string,
    options?: { logTail?: readonly string[]; cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.logTail = options?.logTail ? [...options.logTail] : undefined;
  }
}

export function isMedusaImageError(
  error: unknown,
  reason?: MedusaImageFailure,
): error is MedusaImageError {
  return error instanceof MedusaImageError && (reason === undefined || error.reason === reason);
}
