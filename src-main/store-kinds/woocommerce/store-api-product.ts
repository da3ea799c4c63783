// Finds the demo product in the Store API's product list and refuses, before anything goes into a
// cart, a product whose order could not prove Cash on Delivery: one the store will not sell, one
// out of stock, or a free one (WooCommerce completes a free order without any payment method).
import { plainText } from '../http/html-text';
import { answerError, contentError } from './store-api-errors';
import { isRestAnswer, parseBody, type Answer, type StoreApi } from './store-api-http';
import { productListSchema, type Product } from './store-api-schemas';

const PAGE_SIZE = 100;
const MAX_PAGES = 20;

/**
 * One page of the product list. The first request also picks the address style: whenever
 * `/wp-json/` answers with anything but the REST API's JSON (plain permalinks answer 301 and then
 * an HTML page), the same request is tried through `/?rest_route=`, which works in every
 * permalink mode. Only if that too is redirected does the redirect reach the user, as a site
 * address mismatch.
 */
async function listPage(api: StoreApi, page: number): Promise<Answer> {
  const query = `per_page=${PAGE_SIZE}&page=${page}`;
  const answer = await api.send('GET', '/products', { query });
  if (page !== 1 || api.style !== 'wp-json' || isRestAnswer(answer)) return answer;
  api.style = 'rest-route';
  return api.send('GET', '/products', { query });
}

export async function findDemoProduct(api: StoreApi, sku: string): Promise<Product> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const answer = await listPage(api, page);
    if (answer.status !== 200)
      throw answerError('products', answer.status, answer.body, answer.headers);
    const products = parseBody('products', answer, productListSchema, 'product list');
    const match = products.find((p) => p.sku === sku);
    if (match) return match;
    const totalPages = Number(answer.headers['x-wp-totalpages'] ?? '1');
    if (products.length < PAGE_SIZE || page >= totalPages) break;
  }
  throw contentError(
    'products',
    200,
    `no published product has the SKU "${sku}" (the store's set-up should have created it)`,
  );
}

export function productLabel(product: Product, sku: string): string {
  const name = plainText(product.name ?? '', 80);
  return name ? `"${name}" (SKU ${sku})` : `with the SKU "${sku}"`;
}

/** Throws unless the product list says this product can be sold for money. */
export function assertSellable(product: Product, sku: string): void {
  const label = productLabel(product, sku);
  if (product.is_purchasable === false) {
    throw contentError(
      'products',
      200,
      `the demo product ${label} cannot be bought (the store lists it as not purchasable): give it a price and publish it`,
    );
  }
  if (product.is_in_stock === false) {
    throw contentError(
      'products',
      200,
      `the demo product ${label} is out of stock: set its stock status to "In stock"`,
    );
  }
  const price = product.prices?.price;
  if (price === undefined || !/^\d+$/.test(price)) {
    throw contentError(
      'products',
      200,
      `the product list gives no price for the demo product ${label}`,
    );
  }
  if (/^0+$/.test(price)) {
    throw contentError(
      'products',
      200,
      `the demo product ${label} is free, and WooCommerce completes a free order without Cash on Delivery: give it a price above 0`,
    );
  }
}
