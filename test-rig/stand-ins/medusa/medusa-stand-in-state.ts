// Part of the LOCAL STAND-IN of a Medusa 2.21.2 server: what it holds (keys, region, product,
// carts, orders) and the switches tests flip to produce each failure.

export interface StandInKey {
  title: string;
  token: string;
  revoked?: boolean;
  /** a key linked to no sales channel: regions answer, products and carts do not */
  noSalesChannel?: boolean;
}

/** The switches; every one defaults to a healthy store seeded as images/medusa seeds it. */
export interface MedusaStandInOptions {
  adminEmail?: string;
  adminPassword?: string;
  keys?: StandInKey[];
  /** key tokens the admin API lists as live but the Store API refuses (a key deleted meanwhile) */
  refusedKeys?: string[];
  /** the demo product's handle; null: no such product */
  productHandle?: string | null;
  /** the demo variant's price in the region; null: no price */
  priceAmount?: number | null;
  stock?: number;
  /** shipping options for the region's countries (none: an empty list) */
  shippingOptions?: boolean;
  /** payment providers enabled in the region */
  paymentProviders?: string[];
  /** making a payment session is refused, as for a provider listed but disabled */
  refuseSessions?: boolean;
  /** complete answers `{type: "cart", error}` with this message (a refused payment) */
  paymentError?: string | null;
  /** complete places the order, then drops the connection without answering */
  dropCompleteAnswer?: boolean;
}

export type MedusaStandInSwitches = Required<MedusaStandInOptions>;

export const SYSTEM_PROVIDER = 'pp_system_default';
export const STOREFRONT_KEY_TITLE = 'Storefleet Storefront';
export const DEFAULT_KEY_TITLE = 'Default Publishable API Key';

export function defaultSwitches(o: MedusaStandInOptions = {}): MedusaStandInSwitches {
  return {
    adminEmail: 'admin@storefleet.example',
    adminPassword: 'stand-in-admin-password-0123456789',
    // Medusa makes its own default key when it loads with no key at all: a store seeded after
    // that has both (Storefleet's seed runs first, so a real Storefleet store has only its own).
    keys: [
      { title: DEFAULT_KEY_TITLE, token: 'pk_default0000000000000000000000000000000000' },
      { title: STOREFRONT_KEY_TITLE, token: 'pk_storefleet00000000000000000000000000000000' },
    ],
    refusedKeys: [],
    productHandle: 'storefleet-demo',
    priceAmount: 10,
    stock: 1_000_000,
    shippingOptions: true,
    paymentProviders: [SYSTEM_PROVIDER],
    refuseSessions: false,
    paymentError: null,
    dropCompleteAnswer: false,
    ...o,
  };
}

export interface StandInCart {
  id: string;
  region_id: string;
  email: string | null;
  items: { id: string; variant_id: string; quantity: number }[];
  shipping_address: Record<string, unknown> | null;
  shipping_methods: { id: string; shipping_option_id: string }[];
  payment_collection_id: string | null;
  sessions: string[];
  completed_at: string | null;
  order_id: string | null;
}

export interface StandInOrder {
  id: string;
  display_id: number;
  status: string;
  cart_id: string;
  email: string | null;
}

export const REGION = {
  id: 'reg_standin0storefleet',
  name: 'Storefleet',
  currency_code: 'eur',
  countries: ['de', 'fr', 'nl'].map((iso_2) => ({
    iso_2,
    iso_3: '',
    name: iso_2.toUpperCase(),
    display_name: iso_2.toUpperCase(),
  })),
};

export const PRODUCT_ID = 'prod_standin0demo';
export const VARIANT_ID = 'variant_standin0demo';
export const SHIPPING_OPTION_ID = 'so_standin0standard';
