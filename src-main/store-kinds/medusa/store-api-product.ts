// What is checked before any cart exists: a region that takes the system payment provider, and
// the demo product for sale in it, with a price and in stock.
import type { z } from 'zod';
import { quoted, stepError } from './store-api-errors';
import type { MedusaHttp } from './store-api-http';
import {
  paymentProvidersSchema,
  productsSchema,
  regionsSchema,
  type variantSchema,
} from './store-api-schemas';

/** Medusa's stand-in for cash on delivery: it authorises at once, with no external call. */
export const SYSTEM_PAYMENT_PROVIDER = 'pp_system_default';
export const REGION_NAME = 'Storefleet';

export interface Region {
  id: string;
  name: string;
  countryCode: string;
}

type Variant = z.infer<typeof variantSchema>;

/** The region named "Storefleet" (or the only one) with a country and the system provider. */
export async function findRegion(http: MedusaHttp, key: string): Promise<Region> {
  const { regions } = await http.call('region', 'GET', '/store/regions?limit=50', regionsSchema, {
    key,
  });
  const region =
    regions.find((r) => r.name === REGION_NAME) ?? (regions.length === 1 ? regions[0] : undefined);
  if (!region) {
    const seen = regions.length === 0 ? 'it has none' : `it has ${regions.length} other regions`;
    throw stepError('region', `the store has no region named "${REGION_NAME}" (${seen})`, {
      code: 'no-region',
      secrets: http.hidden(),
    });
  }
  const name = quoted(region.name, http.hidden());
  const countryCode = region.countries?.[0]?.iso_2;
  if (!countryCode) {
    throw stepError('region', `the region "${name}" has no country to ship to`, {
      code: 'no-country',
      secrets: http.hidden(),
    });
  }
  const { payment_providers: providers } = await http.call(
    'region',
    'GET',
    `/store/payment-providers?region_id=${encodeURIComponent(region.id)}`,
    paymentProvidersSchema,
    { key },
  );
  if (!providers.some((p) => p.id === SYSTEM_PAYMENT_PROVIDER)) {
    throw stepError(
      'region',
      `the region "${name}" does not offer Medusa's system payment provider (pp_system_default), which the check pays with`,
      { code: 'no-payment-provider', secrets: http.hidden() },
    );
  }
  return { id: region.id, name, countryCode };
}

export interface DemoProduct {
  productId: string;
  variantId: string;
}

function inStock(v: Variant): boolean {
  if (v.manage_inventory === false || v.allow_backorder === true) return true;
  return (v.inventory_quantity ?? 0) > 0;
}

/**
 * The product with this handle, and its first variant that has a price in the region and is in
 * stock; a product that is missing, has no price or is out of stock is refused here, before
 * any cart is made.
 */
export async function findDemoProduct(
  http: MedusaHttp,
  key: string,
  o: { handle: string; regionId: string },
): Promise<DemoProduct> {
  const query = new URLSearchParams({
    handle: o.handle,
    region_id: o.regionId,
    fields: '*variants.calculated_price,+variants.inventory_quantity',
  });
  const { products } = await http.call(
    'product',
    'GET',
    `/store/products?${query.toString()}`,
    productsSchema,
    {
      key,
    },
  );
  const product = products.find((p) => p.handle === o.handle) ?? products[0];
  const handle = quoted(o.handle, http.hidden());
  if (!product) {
    throw stepError(
      'product',
      `the store sells no product with the handle "${handle}" through its publishable API key's sales channel`,
      { code: 'product-missing', secrets: http.hidden() },
    );
  }
  const variants = product.variants ?? [];
  const priced = variants.filter((v) => typeof v.calculated_price?.calculated_amount === 'number');
  if (priced.length === 0) {
    throw stepError('product', `the product "${handle}" has no price in the region`, {
      code: 'no-price',
      secrets: http.hidden(),
    });
  }
  const sellable = priced.find(inStock);
  if (!sellable) {
    throw stepError('product', `the product "${handle}" is out of stock`, {
      code: 'out-of-stock',
      secrets: http.hidden(),
    });
  }
  return { productId: product.id, variantId: sellable.id };
}
