export type StorefrontStage =
  'products' | 'product-page' | 'cart' | 'add-item' | 'checkout' | 'connect';

/** A storefront check that did not end in an order, told in one sentence that names the stage. */
export class StorefrontError extends Error {
  override readonly name = 'StorefrontError';
  readonly stage: StorefrontStage;
  /** HTTP status of the answer that failed, or null when no answer came */
  readonly status: number | null;
  /** WooCommerce/WordPress error code, a Kubernetes reason, or a socket error code */
  readonly code: string | null;

  constructor(
    stage: StorefrontStage,
    message: string,
    o: { status?: number | null; code?: string | null; cause?: unknown } = {},
  ) {
    super(message, o.cause === undefined ? undefined : { cause: o.cause });
    this.stage = stage;
    this.status = o.status ?? null;
    this.code = o.code ?? null;
  }
}
