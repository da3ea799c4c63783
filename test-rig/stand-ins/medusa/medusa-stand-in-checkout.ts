// Part of the LOCAL STAND-IN of a Medusa 2.21.2 server: carts, shipping, payment, complete, as
// measured (MEDUSA.md, "Placing an order without a real payment" and "Errors measured").
import {
  invalidData,
  json,
  NO_INVENTORY,
  notFound,
  unknownFields,
  type StandInReply,
} from './medusa-stand-in-replies';
import {
  REGION,
  SHIPPING_OPTION_ID,
  VARIANT_ID,
  type MedusaStandInSwitches,
  type StandInCart,
  type StandInOrder,
} from './medusa-stand-in-state';

const CART_FIELDS = [
  'region_id',
  'items',
  'email',
  'sales_channel_id',
  'currency_code',
  'shipping_address',
  'billing_address',
  'metadata',
  'promo_codes',
];

export class StandInCheckout {
  readonly carts = new Map<string, StandInCart>();
  readonly orders: StandInOrder[] = [];
  private readonly collections = new Map<string, string>();
  private counter = 0;

  constructor(private readonly s: MedusaStandInSwitches) {}

  private next(prefix: string): string {
    return `${prefix}_standin${String(++this.counter).padStart(6, '0')}`;
  }

  private cartBody(cart: StandInCart): unknown {
    return {
      cart: {
        id: cart.id,
        region_id: cart.region_id,
        email: cart.email,
        currency_code: REGION.currency_code,
        items: cart.items,
        shipping_address: cart.shipping_address,
        shipping_methods: cart.shipping_methods,
        completed_at: cart.completed_at,
      },
    };
  }

  createCart(body: Record<string, unknown>): StandInReply {
    const refused = unknownFields(body, CART_FIELDS);
    if (refused) return refused;
    if (body['region_id'] !== REGION.id)
      return notFound(`Region with id: ${String(body['region_id'])} was not found`);
    const items = Array.isArray(body['items'])
      ? (body['items'] as { variant_id?: unknown; quantity?: unknown }[])
      : [];
    for (const item of items) {
      if (item.variant_id !== VARIANT_ID || this.s.productHandle === null) {
        return invalidData(`Items do not have a price`);
      }
      if (typeof item.quantity !== 'number' || item.quantity > this.s.stock) return NO_INVENTORY;
    }
    const cart: StandInCart = {
      id: this.next('cart'),
      region_id: REGION.id,
      email: typeof body['email'] === 'string' ? body['email'] : null,
      items: items.map((i) => ({
        id: this.next('cali'),
        variant_id: VARIANT_ID,
        quantity: Number(i.quantity),
      })),
      shipping_address: null,
      shipping_methods: [],
      payment_collection_id: null,
      sessions: [],
      completed_at: null,
      order_id: null,
    };
    this.carts.set(cart.id, cart);
    return json(200, this.cartBody(cart));
  }

  getCart(id: string): StandInReply {
    const cart = this.carts.get(id);
    if (!cart) return notFound(`Cart with id '${id}' not found`);
    return json(200, this.cartBody(cart));
  }

  updateCart(id: string, body: Record<string, unknown>): StandInReply {
    const refused = unknownFields(body, [
      'email',
      'shipping_address',
      'billing_address',
      'region_id',
      'metadata',
      'promo_codes',
      'sales_channel_id',
      'locale',
    ]);
    if (refused) return refused;
    const cart = this.carts.get(id);
    if (!cart) return notFound(`Cart with id '${id}' not found`);
    const address = body['shipping_address'] as Record<string, unknown> | undefined;
    if (address) {
      const code = address['country_code'];
      const country = typeof code === 'string' ? code : '';
      if (!REGION.countries.some((c) => c.iso_2 === country)) {
        return invalidData(`Country with code ${country} is not within region ${REGION.name}`);
      }
      cart.shipping_address = address;
    }
    if (typeof body['email'] === 'string') cart.email = body['email'];
    return json(200, this.cartBody(cart));
  }

  shippingOptions(query: URLSearchParams): StandInReply {
    const id = query.get('cart_id');
    if (!id) return invalidData("Invalid request: Field 'cart_id' is required");
    if (!this.carts.has(id)) return notFound(`Cart with id '${id}' not found`);
    const options = this.s.shippingOptions
      ? [
          {
            id: SHIPPING_OPTION_ID,
            name: 'Standard Shipping',
            price_type: 'flat',
            amount: 10,
            provider_id: 'manual_manual',
          },
        ]
      : [];
    return json(200, { shipping_options: options });
  }

  addShippingMethod(id: string, body: Record<string, unknown>): StandInReply {
    const refused = unknownFields(body, ['option_id', 'data']);
    if (refused) return refused;
    const cart = this.carts.get(id);
    if (!cart) return notFound(`Cart with id '${id}' not found`);
    if (!this.s.shippingOptions || body['option_id'] !== SHIPPING_OPTION_ID) {
      return invalidData(`Shipping Options are invalid for cart.`);
    }
    // Adding a method replaces the cart's previous ones.
    cart.shipping_methods = [{ id: this.next('casm'), shipping_option_id: SHIPPING_OPTION_ID }];
    return json(200, this.cartBody(cart));
  }

  private collectionBody(collectionId: string, cart: StandInCart): unknown {
    return {
      payment_collection: {
        id: collectionId,
        currency_code: REGION.currency_code,
        amount: 20,
        payment_sessions: cart.sessions.map((provider_id, i) => ({
          id: `payses_${collectionId}_${i}`,
          provider_id,
          status: 'pending',
        })),
      },
    };
  }

  createCollection(body: Record<string, unknown>): StandInReply {
    const refused = unknownFields(body, ['cart_id']);
    if (refused) return refused;
    const cart = this.carts.get(String(body['cart_id']));
    if (!cart) return notFound(`Cart with id '${String(body['cart_id'])}' not found`);
    // The existing collection when the cart has one.
    cart.payment_collection_id ??= this.next('pay_col');
    this.collections.set(cart.payment_collection_id, cart.id);
    return json(200, this.collectionBody(cart.payment_collection_id, cart));
  }

  createSession(collectionId: string, body: Record<string, unknown>): StandInReply {
    const refused = unknownFields(body, ['provider_id', 'data']);
    if (refused) return refused;
    const cart = this.carts.get(this.collections.get(collectionId) ?? '');
    if (!cart) return notFound(`Payment collection with id: ${collectionId} was not found`);
    const provider = String(body['provider_id']);
    if (this.s.refuseSessions || !this.s.paymentProviders.includes(provider)) {
      return invalidData(
        `Payment provider ${provider} is not enabled in the cart's region ${cart.region_id}.`,
      );
    }
    cart.sessions = [provider];
    return json(200, this.collectionBody(collectionId, cart));
  }

  complete(id: string): StandInReply {
    const cart = this.carts.get(id);
    if (!cart) return notFound(`Cart with id '${id}' not found`);
    const done = this.orders.find((o) => o.id === cart.order_id);
    if (done) return this.orderReply(done);
    if (cart.shipping_methods.length === 0) {
      return invalidData(
        'No shipping method selected but the cart contains items that require shipping.',
      );
    }
    if (!cart.payment_collection_id)
      return invalidData('Payment collection has not been initiated for cart');
    if (cart.sessions.length === 0)
      return invalidData('Payment sessions are required to complete cart');
    if (cart.items.some((i) => i.quantity > this.s.stock)) return NO_INVENTORY;
    if (this.s.paymentError !== null) {
      return json(200, {
        type: 'cart',
        cart: this.cartBody(cart),
        error: { message: this.s.paymentError, name: 'Error', type: 'payment_authorization_error' },
      });
    }
    const order: StandInOrder = {
      id: this.next('order'),
      display_id: this.orders.length + 1,
      status: 'pending',
      cart_id: cart.id,
      email: cart.email,
    };
    this.orders.push(order);
    this.s.stock -= cart.items.reduce((n, i) => n + i.quantity, 0);
    cart.order_id = order.id;
    cart.completed_at = new Date().toISOString();
    const reply = this.orderReply(order);
    return this.s.dropCompleteAnswer ? { ...reply, drop: true } : reply;
  }

  private orderReply(order: StandInOrder): StandInReply {
    return json(200, {
      type: 'order',
      order: {
        id: order.id,
        display_id: order.display_id,
        status: order.status,
        email: order.email,
        payment_status: 'authorized',
      },
    });
  }
}
