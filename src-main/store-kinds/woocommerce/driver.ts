import type { ReadinessStep, StoreKindDriver, StoreRef, WorkloadNames } from '../driver';
import {
  kindChart,
  readinessSteps,
  releaseName,
  storeHost,
  storeWorkloads,
  tlsNames,
} from '../driver-parts';
import { storeUrl } from '../store-url';
import {
  adminLoginFromSecretData,
  generateSecrets,
  credentialsFromSecretData,
  secretsFromSecretData,
} from './secrets';
import { buildValues, settingsFromValues } from './values';
import { DEFAULT_DEMO_SKU, verifyStorefront } from './verify-storefront';

function workloads(store: StoreRef): WorkloadNames {
  return storeWorkloads(store, { database: 'mariadb', app: 'wordpress', setupJob: 'bootstrap' });
}

/** MariaDB first (WordPress needs it), then WordPress, then the bootstrap Job's one-off setup. */
function readiness(store: StoreRef): ReadinessStep[] {
  return readinessSteps(workloads(store), {
    database: { step: 'wait-mariadb', name: 'MariaDB' },
    app: { step: 'wait-wordpress', name: 'WordPress' },
    setup: {
      step: 'bootstrap',
      started: 'Waiting for the bootstrap Job (WooCommerce, demo product, Cash on Delivery)',
      done: 'WooCommerce, the demo product and Cash on Delivery are set up',
    },
  });
}

export function createWoocommerceDriver(
  opts: {
    chartPath?: string;
    demoSku?: string;
    /** budget for one storefront check, retries included, when the target sets none */
    fetchTimeoutMs?: number;
    /** where the search for charts/woocommerce starts; this module's folder by default */
    chartSearchFrom?: string;
  } = {},
): StoreKindDriver {
  const searchFrom = opts.chartSearchFrom ?? import.meta.dirname;
  const chart = kindChart({
    kind: 'woocommerce',
    displayName: 'WooCommerce',
    chartPath: opts.chartPath,
    searchFrom,
  });
  const demoSku = opts.demoSku ?? DEFAULT_DEMO_SKU;
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(demoSku)) {
    throw new Error(`demo product SKU "${demoSku}" must be 1-64 letters, digits, ".", "_" or "-"`);
  }
  return {
    kind: 'woocommerce',
    displayName: 'WooCommerce',
    available: chart.available,
    ...(chart.unavailableReason === undefined
      ? {}
      : { unavailableReason: chart.unavailableReason }),
    get chartPath(): string {
      return chart.path();
    },
    releaseName,
    host: storeHost,
    storeUrl,
    adminUrl: (url) => `${url.replace(/\/+$/, '')}/wp-admin/`,
    workloads,
    readiness,
    generateSecrets,
    buildValues: (o) => buildValues({ ...o, demoSku }),
    settingsFromValues,
    secretsFromSecretData,
    credentialsFromSecretData,
    adminLoginUrl: (storeUrl, data) => adminLoginFromSecretData(data, storeUrl),
    // charts/woocommerce: the mariadb StatefulSet's headless Service, MARIADB_* env, Secret key.
    databaseAccess: (store) => ({
      engine: 'mariadb',
      service: `${releaseName(store)}-mariadb`,
      servicePort: 'mysql',
      database: 'wordpress',
      user: 'wordpress',
      env: { database: 'MARIADB_DATABASE', user: 'MARIADB_USER' },
      passwordKey: 'mariadb-password',
    }),
    tlsNames,
    verifyStarted: 'Placing a Cash on Delivery order through the storefront',
    verify: async (target) => {
      const order = await verifyStorefront(
        { ...target, timeoutMs: target.timeoutMs ?? opts.fetchTimeoutMs },
        { sku: demoSku },
      );
      return {
        ...order,
        message: `Order #${order.orderId} placed with Cash on Delivery (${order.status})`,
      };
    },
    upgradableValues: ['wordpressImageTag', 'woocommerceVersion', 'memoryLimit'],
  };
}

export const woocommerceDriver: StoreKindDriver = createWoocommerceDriver();
