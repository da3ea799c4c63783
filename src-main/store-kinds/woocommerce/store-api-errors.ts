import { plainText } from '../http/html-text';
import { StorefrontError } from '../http/storefront-error';
import type { StorefrontStage } from './storefront-stage';
import { wpErrorSchema } from './store-api-schemas';

const STAGE_FAILED: Record<StorefrontStage, string> = {
  products: 'Listing products failed',
  'product-page': "Opening the demo product's page as a guest failed",
  cart: 'Opening a cart failed',
  'add-item': 'Adding the demo product to the cart was refused',
  checkout: 'Checkout refused',
  connect: 'Could not reach the store',
};

// WooCommerce's own messages are written for shoppers; these say what is wrong with the store.
const KNOWN_CODES: Record<string, string> = {
  woocommerce_rest_missing_nonce: 'the request carried neither a Cart-Token nor a Nonce',
  woocommerce_rest_invalid_nonce: 'the Nonce was not accepted',
  woocommerce_rest_cart_empty:
    'the cart was empty at checkout although the demo product had been added, so the store did not keep the cart session (Cart-Token) between requests',
  woocommerce_rest_cart_invalid_product: 'the demo product does not exist in this store',
  woocommerce_rest_product_out_of_stock: 'the demo product is out of stock',
  woocommerce_rest_product_not_purchasable: 'the demo product cannot be bought',
  // The same code answers "COD is off" and "COD is on, but not for virtual orders".
  woocommerce_rest_checkout_payment_method_disabled:
    'Cash on Delivery is not enabled, or not available for this order (in WooCommerce → Settings → Payments, enable Cash on delivery and its "Accept COD if the order is virtual" option)',
  rest_no_route: 'the WooCommerce Store API is not available (is the WooCommerce plugin active?)',
};

// Codes whose cause only the store's own words pin down; its message is quoted after ours.
const QUOTE_STORE_MESSAGE = new Set(['woocommerce_rest_checkout_payment_method_disabled']);
const MAX_QUOTED = 200;

export function stageFailed(stage: StorefrontStage): string {
  return STAGE_FAILED[stage];
}

/** Turns a non-2xx answer into a StorefrontError, reading a WordPress error body when there is one. */
export function answerError(
  stage: StorefrontStage,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): StorefrontError {
  // WordPress redirects every request to its configured site address, so a redirect here
  // usually means that address is not the URL the store is reached at.
  if (status >= 300 && status < 400) {
    const to = headers['location'] ?? 'another address';
    return new StorefrontError(
      stage,
      `${stageFailed(stage)}: the store redirected to ${to.slice(0, 200)}; its WordPress site address may not match this URL`,
      { status },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  const wp = wpErrorSchema.safeParse(parsed);
  if (wp.success) {
    const { code } = wp.data;
    const said = plainText(wp.data.message, MAX_QUOTED);
    let reason = KNOWN_CODES[code] ?? (plainText(wp.data.message) || `HTTP ${status}`);
    if (QUOTE_STORE_MESSAGE.has(code) && said) reason = `${reason}; the store says: "${said}"`;
    return new StorefrontError(stage, `${stageFailed(stage)}: ${reason} (${code})`, {
      status,
      code,
    });
  }
  const snippet = plainText(body).slice(0, 120);
  const detail = snippet ? `: ${snippet}` : '';
  return new StorefrontError(
    stage,
    `${stageFailed(stage)}: the store answered HTTP ${status} without a Store API error${detail}`,
    { status },
  );
}

/** An answer with an acceptable status whose content is not what the Store API promises. */
export function contentError(
  stage: StorefrontStage,
  status: number,
  what: string,
  code: string | null = null,
): StorefrontError {
  return new StorefrontError(stage, `${stageFailed(stage)}: ${what}`, { status, code });
}
