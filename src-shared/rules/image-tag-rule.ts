// The one rule for a store's WordPress image tag, used by the IPC schema, the engine, the values
// builder and the upgrade form. The chart needs the wordpress image's Debian-based -apache variant
// (Apache on port 80, www-data as uid 33, WordPress in /usr/src/wordpress); Alpine and fpm tags
// have none of these. The chart's values.schema.json holds the same pattern for Helm itself.
import { z } from 'zod';

// At most 128 characters, as a container image tag may have.
export const WORDPRESS_IMAGE_TAG_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,120}-apache$/;

export const WORDPRESS_IMAGE_TAG_EXAMPLE = '6.8.3-php8.2-apache';

/** Completes "WordPress image tag must be …". */
export const WORDPRESS_IMAGE_TAG_EXPECTED = `an -apache tag such as ${WORDPRESS_IMAGE_TAG_EXAMPLE} (Alpine and fpm tags do not fit the chart)`;

export const WORDPRESS_IMAGE_TAG_PROBLEM = `WordPress image tag must be ${WORDPRESS_IMAGE_TAG_EXPECTED}.`;

export function isWordpressImageTag(tag: string): boolean {
  return WORDPRESS_IMAGE_TAG_PATTERN.test(tag);
}

// Pure: a bundle that uses only the plain helpers (the renderer) leaves zod out.
export const wordpressImageTagSchema = /* @__PURE__ */ z
  .string({ error: WORDPRESS_IMAGE_TAG_PROBLEM })
  .regex(WORDPRESS_IMAGE_TAG_PATTERN, { error: WORDPRESS_IMAGE_TAG_PROBLEM });
