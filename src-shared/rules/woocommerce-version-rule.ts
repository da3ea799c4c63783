// The one rule for the WooCommerce version a store runs, used by the upgrade form, the IPC schema,
// the engine and the chart's values builder. The chart's bootstrap runs
// `wp plugin install woocommerce --version=<v>` and compares <v> with the installed plugin's
// version, and its values.schema.json wants three numbers: so a version is a full release number
// as WordPress.org publishes it. "9.4" names no download and would never equal the installed
// "9.4.0"; pre-releases are refused by the chart.
import { z } from 'zod';

const PART = '(0|[1-9][0-9]{0,3})';
const WOOCOMMERCE_VERSION = new RegExp(`^${PART}\\.${PART}\\.${PART}$`);

/** The chart's default (charts/woocommerce/values.yaml). */
export const WOOCOMMERCE_VERSION_EXAMPLE = '10.2.4';

/** Completes "WooCommerce version must be …". */
export const WOOCOMMERCE_VERSION_EXPECTED = `a full release number such as ${WOOCOMMERCE_VERSION_EXAMPLE}: three numbers separated by dots (not 9.4, and not a pre-release such as 10.0.0-beta.1)`;

export const WOOCOMMERCE_VERSION_PROBLEM = `A WooCommerce version must be ${WOOCOMMERCE_VERSION_EXPECTED}.`;

export function isWoocommerceVersion(version: string): boolean {
  return WOOCOMMERCE_VERSION.test(version);
}

// Pure: a bundle that uses only the plain helpers (the renderer) leaves zod out.
export const woocommerceVersionSchema = /* @__PURE__ */ z
  .string({ error: WOOCOMMERCE_VERSION_PROBLEM })
  .refine(isWoocommerceVersion, { error: WOOCOMMERCE_VERSION_PROBLEM });
