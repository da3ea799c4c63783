// Proves that a guest sees the shop, not only that the Store API sells: in WooCommerce's
// coming-soon mode the Store API keeps taking orders while every store page shows a "coming soon"
// template to guests, with the same 200 status and the product's name still in <title>. Only the
// page body tells them apart, so this looks for what a product page shows a shopper.
import { answerError, contentError } from './store-api-errors';
import type { StoreApi } from './store-api-http';
import { productLabel } from './store-api-product';
import type { Product } from './store-api-schemas';

const COMING_SOON_CLASS =
  /^(wp-block-woocommerce-coming-soon|woocommerce-coming-soon-|coming-soon-)/;
const ADD_TO_CART_CLASS = 'single_add_to_cart_button';
const PRICE_CLASS = 'woocommerce-Price-amount';

/** Every class name used in the page's `class` attributes. */
function classNames(html: string): Set<string> {
  const names = new Set<string>();
  for (const m of html.matchAll(/\sclass\s*=\s*(?:"([^"]*)"|'([^']*)')/gi)) {
    for (const name of (m[1] ?? m[2] ?? '').split(/\s+/)) if (name) names.add(name);
  }
  return names;
}

/** The permalink's path and query: the transport is bound to the store's own base URL. */
function pagePath(product: Product, sku: string): string {
  try {
    const url = new URL(product.permalink ?? '');
    if (url.protocol === 'http:' || url.protocol === 'https:')
      return `${url.pathname}${url.search}`;
  } catch {
    // reported below
  }
  throw contentError(
    'product-page',
    200,
    `the product list gives no usable permalink for the demo product ${productLabel(product, sku)}`,
  );
}

/** GETs the demo product's page as a guest and throws unless it offers the product for sale. */
export async function assertGuestSeesShop(
  api: StoreApi,
  product: Product,
  sku: string,
): Promise<void> {
  const path = pagePath(product, sku);
  const shown = path.length > 120 ? `${path.slice(0, 119)}…` : path;
  const answer = await api.page(path);
  if (answer.status !== 200) {
    throw answerError('product-page', answer.status, answer.body, answer.headers);
  }
  const classes = classNames(answer.body);
  if ([...classes].some((name) => COMING_SOON_CLASS.test(name))) {
    throw contentError(
      'product-page',
      200,
      `guests see a "coming soon" page instead of the shop (${shown}): turn off coming-soon mode in WooCommerce → Settings → Site visibility`,
    );
  }
  const missing: string[] = [];
  if (!classes.has(ADD_TO_CART_CLASS)) missing.push('no add-to-cart button');
  if (!classes.has(PRICE_CLASS)) missing.push('no price');
  if (missing.length > 0) {
    throw contentError(
      'product-page',
      200,
      `the page ${shown} shows guests ${missing.join(' and ')} for the demo product ${productLabel(product, sku)}, so shoppers cannot buy it`,
    );
  }
}
