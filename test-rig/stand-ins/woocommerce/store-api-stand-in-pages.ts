// Part of the LOCAL STAND-IN of the WooCommerce Store API: the HTML pages a guest sees, as a block
// theme (Twenty Twenty-Five) renders them with WooCommerce 10.2: the product page of an open shop
// (add-to-cart form and price), the coming-soon template that replaces it in coming-soon mode
// (same 200 status, product name still in <title>), the front page and WordPress's 404 page.
import { htmlReply, type StandInReply } from './store-api-stand-in-replies';

export interface StandInPageProduct {
  id: number;
  name: string;
  priceMinor: number;
  inStock: boolean;
  purchasable: boolean;
}

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function page(title: string, bodyClass: string, main: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en-US"><head><meta charset="UTF-8" />',
    `<title>${title}</title>`,
    '</head>',
    `<body class="${bodyClass} wp-embed-responsive">`,
    `<div class="wp-site-blocks">${main}</div>`,
    '</body></html>',
  ].join('\n');
}

function price(minor: number): string {
  const amount = `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
  return `<p class="price"><span class="woocommerce-Price-amount amount"><bdi><span class="woocommerce-Price-currencySymbol">&#36;</span>${amount}</bdi></span></p>`;
}

/** The single-product template of an open shop. */
export function productPage(site: string, p: StandInPageProduct): StandInReply {
  const name = escapeHtml(p.name);
  const buy =
    p.inStock && p.purchasable
      ? `<form class="cart" method="post" enctype="multipart/form-data"><div class="quantity"><input type="number" class="input-text qty text" name="quantity" value="1" min="1" /></div><button type="submit" name="add-to-cart" value="${p.id}" class="single_add_to_cart_button button alt wp-element-button">Add to cart</button></form>`
      : '<p class="stock out-of-stock">Out of stock</p>';
  const main = `<main class="wp-block-group"><div class="wp-block-woocommerce-product-price">${price(p.priceMinor)}</div><h1 class="wp-block-post-title">${name}</h1><div class="wp-block-add-to-cart-form">${buy}</div></main>`;
  return htmlReply(
    200,
    page(
      `${name} &#8211; ${escapeHtml(site)}`,
      `product-template-default single single-product postid-${p.id} woocommerce woocommerce-page`,
      main,
    ),
  );
}

/** What a guest gets instead of any store page while coming-soon mode is on. */
export function comingSoonPage(site: string, productName: string): StandInReply {
  const main =
    '<div class="wp-block-woocommerce-coming-soon woocommerce-coming-soon-store-only">' +
    '<div class="wp-block-cover coming-soon-is-vertically-aligned-center coming-soon-cover">' +
    '<h1 class="wp-block-heading has-text-align-center">Great things are on the horizon</h1>' +
    '<p class="has-text-align-center">Something big is brewing! Our store is in the works and will be launching soon!</p>' +
    '</div></div>';
  return htmlReply(
    200,
    page(
      `${escapeHtml(productName)} &#8211; ${escapeHtml(site)}`,
      'single single-product woocommerce-coming-soon',
      main,
    ),
  );
}

/** The front page (the latest posts): what /wp-json/…/ shows once plain permalinks redirected it. */
export function frontPage(site: string): StandInReply {
  return htmlReply(
    200,
    page(
      escapeHtml(site),
      'home blog',
      '<main class="wp-block-group"><h2 class="wp-block-post-title">Hello world!</h2></main>',
    ),
  );
}

export const WP_NOT_FOUND: StandInReply = htmlReply(
  404,
  page(
    'Page not found',
    'error404',
    '<main class="wp-block-group"><h1>Oops! That page can&rsquo;t be found.</h1></main>',
  ),
);
