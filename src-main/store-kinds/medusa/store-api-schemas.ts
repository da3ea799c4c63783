// Only the fields the verifier relies on; Medusa returns many more and may add fields.
import { z } from 'zod';

const id = z.string().min(1);

export const authTokenSchema = z.looseObject({ token: z.string().min(1) });

export const apiKeysSchema = z.looseObject({
  api_keys: z.array(
    z.looseObject({
      id,
      token: z.string(),
      title: z.string(),
      type: z.string().optional(),
      revoked_at: z.string().nullish(),
    }),
  ),
});

export const regionsSchema = z.looseObject({
  regions: z.array(
    z.looseObject({
      id,
      name: z.string(),
      currency_code: z.string().optional(),
      countries: z.array(z.looseObject({ iso_2: z.string() })).nullish(),
    }),
  ),
});

export const paymentProvidersSchema = z.looseObject({
  payment_providers: z.array(z.looseObject({ id })),
});

export const variantSchema = z.looseObject({
  id,
  title: z.string().nullish(),
  manage_inventory: z.boolean().nullish(),
  allow_backorder: z.boolean().nullish(),
  inventory_quantity: z.number().nullish(),
  calculated_price: z
    .looseObject({
      calculated_amount: z.number().nullish(),
      currency_code: z.string().nullish(),
    })
    .nullish(),
});

export const productsSchema = z.looseObject({
  products: z.array(
    z.looseObject({
      id,
      title: z.string().nullish(),
      handle: z.string().nullish(),
      variants: z.array(variantSchema).nullish(),
    }),
  ),
});

export const cartSchema = z.looseObject({
  cart: z.looseObject({
    id,
    completed_at: z.string().nullish(),
    region_id: z.string().nullish(),
    items: z.array(z.looseObject({ id })).nullish(),
  }),
});

export const shippingOptionsSchema = z.looseObject({
  shipping_options: z.array(z.looseObject({ id, name: z.string().nullish() })),
});

export const paymentCollectionSchema = z.looseObject({
  payment_collection: z.looseObject({
    id,
    payment_sessions: z.array(z.looseObject({ id, provider_id: z.string() })).nullish(),
  }),
});

export const completeSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('order'),
    order: z.looseObject({
      id,
      display_id: z.number().nullish(),
      status: z.string(),
    }),
  }),
  z.looseObject({
    type: z.literal('cart'),
    error: z
      .looseObject({
        message: z.string().nullish(),
        name: z.string().nullish(),
        type: z.string().nullish(),
      })
      .nullish(),
  }),
]);
