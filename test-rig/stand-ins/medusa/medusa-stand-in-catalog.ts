// Part of the LOCAL STAND-IN of a Medusa 2.21.2 server: regions, payment providers, products.
import { invalidData, json, type StandInReply } from './medusa-stand-in-replies';
import {
  PRODUCT_ID,
  REGION,
  VARIANT_ID,
  type MedusaStandInSwitches,
} from './medusa-stand-in-state';

export function regions(): StandInReply {
  return json(200, { regions: [REGION], count: 1, offset: 0, limit: 50 });
}

export function paymentProviders(s: MedusaStandInSwitches, query: URLSearchParams): StandInReply {
  const regionId = query.get('region_id');
  if (!regionId) return invalidData("Invalid request: Field 'region_id' is required");
  const ids = regionId === REGION.id ? s.paymentProviders : [];
  const list = ids.map((id) => ({ id, is_enabled: true }));
  return json(200, { payment_providers: list, count: list.length, offset: 0, limit: 20 });
}

/** `fields` as Medusa reads it: `*rel` and `+field` add to the defaults. */
export function products(s: MedusaStandInSwitches, query: URLSearchParams): StandInReply {
  const fields = (query.get('fields') ?? '').split(',');
  const withPrice =
    fields.includes('*variants.calculated_price') && query.get('region_id') === REGION.id;
  const withStock = fields.includes('+variants.inventory_quantity');
  const handle = query.get('handle');
  const exists = s.productHandle !== null && (handle === null || handle === s.productHandle);
  const variant: Record<string, unknown> = {
    id: VARIANT_ID,
    title: 'Default',
    sku: 'storefleet-demo-1',
    manage_inventory: true,
    allow_backorder: false,
  };
  if (withPrice) {
    variant['calculated_price'] =
      s.priceAmount === null
        ? null
        : {
            id: 'pset_standin',
            calculated_amount: s.priceAmount,
            original_amount: s.priceAmount,
            currency_code: REGION.currency_code,
          };
  }
  if (withStock) variant['inventory_quantity'] = s.stock;
  const list = exists
    ? [
        {
          id: PRODUCT_ID,
          title: 'Storefleet Demo Product',
          handle: s.productHandle,
          variants: [variant],
        },
      ]
    : [];
  return json(200, { products: list, count: list.length, offset: 0, limit: 50 });
}
