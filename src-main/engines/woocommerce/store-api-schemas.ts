// Only the fields the verifier relies on; the Store API returns many more and may add fields.
import { z } from 'zod';

export const wpErrorSchema = z.looseObject({
  code: z.string(),
  message: z.string(),
  data: z.looseObject({ status: z.number().int().optional() }).nullish(),
});

export const productListSchema = z.array(
  z.looseObject({
    id: z.number().int().positive(),
    name: z.string().optional(),
    sku: z.string().optional(),
  }),
);

export const cartSchema = z.looseObject({
  items_count: z.number().int().nonnegative(),
  items: z.array(z.unknown()).optional(),
  payment_methods: z.array(z.string()).optional(),
  totals: z.looseObject({ total_price: z.string().regex(/^-?\d+$/) }),
});

export const checkoutSchema = z.looseObject({
  order_id: z.number().int().positive(),
  status: z.string(),
  order_key: z.string(),
  payment_method: z.string(),
  payment_result: z.looseObject({ payment_status: z.string() }).nullish(),
});

export type Cart = z.infer<typeof cartSchema>;
export type CheckoutResult = z.infer<typeof checkoutSchema>;
