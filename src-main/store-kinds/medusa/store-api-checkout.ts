// Steps 3 to 9 of a Store API order: cart, address, shipping, payment with the system provider,
// complete. Each step is safe to repeat on the same cart, which is what resuming relies on.
import { answerError, quoted, stepError } from './store-api-errors';
import type { MedusaHttp } from './store-api-http';
import { SYSTEM_PAYMENT_PROVIDER, type Region } from './store-api-product';
import {
  cartSchema,
  completeSchema,
  paymentCollectionSchema,
  shippingOptionsSchema,
} from './store-api-schemas';

// A fixed, obviously synthetic customer; example.com is reserved for exactly this.
export const VERIFY_EMAIL = 'verify@example.com';

function verifyAddress(countryCode: string): Record<string, string> {
  return {
    first_name: 'Storefleet',
    last_name: 'Verification',
    address_1: '1 Example Street',
    city: 'Example City',
    postal_code: '10115',
    country_code: countryCode.toLowerCase(),
  };
}

function cartPath(cartId: string, rest = ''): string {
  return `/store/carts/${encodeURIComponent(cartId)}${rest}`;
}

export interface MedusaOrder {
  orderId: string;
  displayId: number | null;
  status: string;
}

export async function createCart(
  http: MedusaHttp,
  key: string,
  o: { regionId: string; variantId: string },
): Promise<string> {
  const { cart } = await http.call('cart', 'POST', '/store/carts', cartSchema, {
    key,
    json: {
      region_id: o.regionId,
      items: [{ variant_id: o.variantId, quantity: 1 }],
      email: VERIFY_EMAIL,
    },
  });
  return cart.id;
}

/** The kept cart's state: gone (404), completed, or still open. */
export async function readCart(
  http: MedusaHttp,
  key: string,
  cartId: string,
): Promise<'gone' | 'completed' | 'open'> {
  const answer = await http.send('GET', cartPath(cartId), { key });
  if (answer.status === 404) return 'gone';
  if (answer.status !== 200) throw answerError('cart', answer, http.hidden());
  const { cart } = http.parse('cart', answer, cartSchema);
  return cart.completed_at ? 'completed' : 'open';
}

/** Steps 4 to 8: address, shipping option and method, payment collection and session. */
export async function prepareCheckout(
  http: MedusaHttp,
  key: string,
  o: { cartId: string; region: Region },
): Promise<void> {
  const address = verifyAddress(o.region.countryCode);
  await http.call('address', 'POST', cartPath(o.cartId), cartSchema, {
    key,
    json: { email: VERIFY_EMAIL, shipping_address: address, billing_address: address },
  });

  const { shipping_options: options } = await http.call(
    'shipping-options',
    'GET',
    `/store/shipping-options?cart_id=${encodeURIComponent(o.cartId)}`,
    shippingOptionsSchema,
    { key },
  );
  const option = options[0];
  if (!option) {
    throw stepError(
      'shipping-options',
      `the store offers no shipping option for an address in the region "${o.region.name}" (country ${o.region.countryCode.toUpperCase()})`,
      { code: 'no-shipping-option', secrets: http.hidden() },
    );
  }
  await http.call('shipping-method', 'POST', cartPath(o.cartId, '/shipping-methods'), cartSchema, {
    key,
    json: { option_id: option.id },
  });

  const { payment_collection: collection } = await http.call(
    'payment-collection',
    'POST',
    '/store/payment-collections',
    paymentCollectionSchema,
    { key, json: { cart_id: o.cartId } },
  );
  const { payment_collection: withSession } = await http.call(
    'payment-session',
    'POST',
    `/store/payment-collections/${encodeURIComponent(collection.id)}/payment-sessions`,
    paymentCollectionSchema,
    { key, json: { provider_id: SYSTEM_PAYMENT_PROVIDER } },
  );
  const sessions = withSession.payment_sessions ?? [];
  if (!sessions.some((s) => s.provider_id === SYSTEM_PAYMENT_PROVIDER)) {
    throw stepError(
      'payment-session',
      "the store answered without a payment session for Medusa's system payment provider (pp_system_default)",
      { code: 'no-payment-session', secrets: http.hidden() },
    );
  }
}

/** Step 9: an order, or the store's reason for refusing the payment. */
export async function completeCart(
  http: MedusaHttp,
  key: string,
  cartId: string,
): Promise<MedusaOrder> {
  const done = await http.call('complete', 'POST', cartPath(cartId, '/complete'), completeSchema, {
    key,
  });
  if (done.type === 'order') {
    return {
      orderId: done.order.id,
      displayId: done.order.display_id ?? null,
      status: done.order.status,
    };
  }
  const said = quoted(done.error?.message ?? '', http.hidden());
  throw stepError(
    'complete',
    said
      ? `the payment failed and the store said "${said}"`
      : 'the payment failed and the store gave no reason',
    { status: 200, code: 'payment-failed', secrets: http.hidden() },
  );
}
