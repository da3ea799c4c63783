// Shared helpers for the Medusa chart's tests: render this chart with per-store values as the
// installer passes them. Running helm, temp values files and parsing are the WooCommerce chart
// tests' own helpers, reused unchanged.
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  REPO_ROOT,
  parseManifests,
  type HelmResult,
  type K8sObject,
  templateChart,
  type RenderOptions,
} from '../../woocommerce/tests/render';

export {
  REPO_ROOT,
  findObject,
  helm,
  parseManifests,
  valuesArgs,
  withValuesFiles,
  type HelmResult,
  type K8sObject,
  type RenderOptions,
  type Values,
} from '../../woocommerce/tests/render';

const here = fileURLToPath(new URL('.', import.meta.url));
export const CHART_DIR = resolve(here, '..');
export const VALUES_LOCAL = join(REPO_ROOT, 'helm-values/medusa/values-local.yaml');
export const VALUES_PROD = join(REPO_ROOT, 'helm-values/medusa/values-prod.yaml');

/** A tag as the image step makes them: the first 12 hex of a hash over the backend project. */
export const IMAGE_TAG = '0123456789ab';

export interface MedusaStoreValues {
  store: { id: string; name: string };
  ingress: { host: string };
  medusa: { image: { tag: string } };
  secrets: {
    databasePassword: string;
    jwtSecret: string;
    cookieSecret: string;
    adminPassword: string;
  };
}

/** Per-store values as the installer passes them: fresh random secrets every call. */
export function storeValues(
  name = 'shop1',
  id = `st-${randomBytes(4).toString('hex')}`,
): MedusaStoreValues {
  // Letters and digits, 32 of them, as the installer's generator makes them.
  const secret = (): string =>
    randomBytes(32)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, '')
      .slice(0, 32)
      .padEnd(32, 'x');
  return {
    store: { id, name },
    ingress: { host: `${name}.localhost` },
    medusa: { image: { tag: IMAGE_TAG } },
    secrets: {
      databasePassword: secret(),
      jwtSecret: secret(),
      cookieSecret: secret(),
      adminPassword: secret(),
    },
  };
}

export function secretsOf(values: MedusaStoreValues): string[] {
  return Object.values(values.secrets);
}

/** `helm template` of this chart; resolves with the raw result, never throws on exit code. */
export async function template(opts: RenderOptions = {}): Promise<HelmResult> {
  return templateChart(CHART_DIR, opts);
}

/** Renders the chart and parses every object; rejects with helm's message when rendering fails. */
export async function render(opts: RenderOptions = {}): Promise<K8sObject[]> {
  const result = await template(opts);
  if (result.exitCode !== 0) throw new Error(result.stderr.trim());
  return parseManifests(result.stdout);
}
