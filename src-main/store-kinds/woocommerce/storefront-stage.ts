import type { ConnectStage } from '../http/storefront-error';

/** The steps of a WooCommerce storefront check, as StorefrontError stages. */
export type StorefrontStage =
  'products' | 'product-page' | 'cart' | 'add-item' | 'checkout' | ConnectStage;
