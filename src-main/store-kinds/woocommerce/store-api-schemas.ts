// Only the fields the verifier relies on; the Store API returns many more and may add fields.
import { z } from 'zod';

export const wpErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  data: z.looseObject({ status: z.number().int().optional() }).nullish(),
});

const minorUnits = z.string().regex(/^-?\d+$/);

export const productSchema = z.looseObject({
  id: z.number().int().positive(),
  name: z.string().optional(),
  sku: z.string().optional(),
  permalink: z.string().optional(),
  // "" for a product without a price
  prices: z.looseObject({ price: z.string() }).optional(),
  is_purchasable: z.boolean().optional(),
  is_in_stock: z.boolean().optional(),
});

export const productListSchema = z.array(productSchema);

export const cartSchema = z.looseObject({
  items_count: z.number().int().nonnegative(),
  items: z.array(z.unknown()).optional(),
  payment_methods: z.array(z.string()).optional(),
  totals: z.looseObject({ total_price: minorUnits }),
});

export const checkoutSchema = z.looseObject({
  order_id: z.number().int().positive(),
  status: z.string(),
  order_key: z.string(),
  payment_method: z.string(),
  payment_result: z.looseObject({ payment_status: z.string() }).nullish(),
});

export type Product = z.infer<typeof productSchema>;
export type Cart = z.infer<typeof cartSchema>;
