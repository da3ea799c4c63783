// Part of the LOCAL STAND-IN of the WooCommerce Store API: POST /checkout, in the order WooCommerce
// 10.2's Checkout route works: an empty cart is refused before any order exists (409); otherwise
// the cart becomes a `checkout-draft` order first, so every later refusal (missing email, payment
// method not available) leaves that draft behind; a free order needs no payment and completes.
import { randomBytes } from 'node:crypto';
import { jsonReply, wpError, type StandInReply } from './store-api-stand-in-replies';

export interface StandInOrder {
  id: number;
  paymentMethod: string;
  status: string;
}

export interface CheckoutCart {
  /** the draft order this cart session already created, if any */
  draftId?: number;
}

export interface CheckoutStore {
  host: string;
  codEnabled: boolean;
  /** COD's "Accept COD if the order is virtual" (`enable_for_virtual`); the demo product is virtual */
  codForVirtual: boolean;
  orders: StandInOrder[];
  nextOrderId(): number;
  /** the cart as a 409 answer carries it */
  cartBody(): unknown;
}

function billingEmail(json: Record<string, unknown>): string | null {
  const billing = json['billing_address'];
  if (!billing || typeof billing !== 'object') return null;
  const email = (billing as Record<string, unknown>)['email'];
  return typeof email === 'string' && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email) ? email : null;
}

function draftFor(store: CheckoutStore, cart: CheckoutCart, method: string): StandInOrder {
  const existing = store.orders.find((o) => o.id === cart.draftId);
  if (existing) {
    existing.paymentMethod = method;
    return existing;
  }
  const draft = { id: store.nextOrderId(), paymentMethod: method, status: 'checkout-draft' };
  store.orders.push(draft);
  cart.draftId = draft.id;
  return draft;
}

/** Runs a checkout; on success the cart's draft becomes the order and the caller empties the cart. */
export function standInCheckout(
  store: CheckoutStore,
  cart: CheckoutCart,
  totals: { totalMinor: number; itemsCount: number },
  json: Record<string, unknown>,
): { reply: StandInReply; placed: boolean } {
  if (totals.itemsCount === 0) {
    const reply = wpError(
      409,
      'woocommerce_rest_cart_empty',
      'Cannot create order from empty cart.',
      {
        cart: store.cartBody(),
      },
    );
    return { reply, placed: false };
  }
  const requested = typeof json['payment_method'] === 'string' ? json['payment_method'] : '';
  const order = draftFor(store, cart, requested);
  const email = billingEmail(json);
  if (email === null) {
    const reply = wpError(
      400,
      'woocommerce_rest_missing_email_address',
      'A valid email address is required',
    );
    return { reply, placed: false };
  }
  const needsPayment = totals.totalMinor > 0;
  if (needsPayment) {
    if (requested !== 'cod' || !store.codEnabled) {
      const reply = wpError(
        400,
        'woocommerce_rest_checkout_payment_method_disabled',
        `The selected payment method (${requested}) isn&#039;t available.`,
      );
      return { reply, placed: false };
    }
    if (!store.codForVirtual) {
      const reply = wpError(
        400,
        'woocommerce_rest_checkout_payment_method_disabled',
        'Cash on delivery is not available for this order, please try a different payment method.',
      );
      return { reply, placed: false };
    }
  }
  order.status = needsPayment ? 'processing' : 'completed';
  const orderKey = `wc_order_${randomBytes(7).toString('base64url')}`;
  const billing = json['billing_address'];
  return {
    placed: true,
    reply: jsonReply(200, {
      order_id: order.id,
      status: order.status,
      order_key: orderKey,
      order_number: String(order.id),
      customer_note: '',
      customer_id: 0,
      billing_address: billing,
      shipping_address: json['shipping_address'] ?? billing,
      payment_method: order.paymentMethod,
      additional_fields: {},
      payment_result: {
        payment_status: 'success',
        payment_details: [{ key: 'result', value: 'success' }],
        redirect_url: `http://${store.host}/checkout/order-received/${order.id}/?key=${orderKey}`,
      },
      extensions: {},
    }),
  };
}
