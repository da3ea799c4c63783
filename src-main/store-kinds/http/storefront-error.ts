/** Reaching the store at all: the stage every store kind shares; each kind adds its own. */
export type ConnectStage = 'connect';

/**
 * A storefront check that did not end in an order, told in one sentence that names the stage.
 * `Stage` is the store kind's own list of stages (WooCommerce's, Medusa's), plus 'connect'.
 */
export class StorefrontError<Stage extends string = string> extends Error {
  override readonly name = 'StorefrontError';
  readonly stage: Stage;
  /** HTTP status of the answer that failed, or null when no answer came */
  readonly status: number | null;
  /** the store's own error code or type, a Kubernetes reason, or a socket error code */
  readonly code: string | null;

  constructor(
    stage: Stage,
    message: string,
    o: { status?: number | null; code?: string | null; cause?: unknown } = {},
  ) {
    super(message, o.cause === undefined ? undefined : { cause: o.cause });
    this.stage = stage;
    this.status = o.status ?? null;
    this.code = o.code ?? null;
  }
}
