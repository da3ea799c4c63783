import type { ReadinessStep, StoreKindDriver, StoreRef, WorkloadNames } from '../driver';
import { kindChart, releaseName, storeHost, tlsNames } from '../driver-parts';
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
  const release = releaseName(store);
  return {
    statefulSets: [`${release}-mariadb`],
    deployments: [`${release}-wordpress`],
    bootstrapJob: `${release}-bootstrap`,
    credentialsSecret: `${release}-credentials`,
    service: `${release}-wordpress`,
    servicePort: 'http',
  };
}

/** MariaDB first (WordPress needs it), then WordPress, then the bootstrap Job's one-off setup. */
function readiness(store: StoreRef): ReadinessStep[] {
  const names = workloads(store);
  return [
    {
      step: 'wait-mariadb',
      started: 'Waiting for MariaDB',
      wait: names.statefulSets.map((name) => ({ kind: 'statefulset' as const, name })),
      done: `MariaDB is ready (${names.statefulSets.join(', ')})`,
    },
    {
      step: 'wait-wordpress',
      started: 'Waiting for WordPress',
      wait: names.deployments.map((name) => ({ kind: 'deployment' as const, name })),
      done: `WordPress is ready (${names.deployments.join(', ')})`,
    },
    {
      step: 'bootstrap',
      started: 'Waiting for the bootstrap Job (WooCommerce, demo product, Cash on Delivery)',
      wait: [{ kind: 'job', name: names.bootstrapJob }],
      done: 'WooCommerce, the demo product and Cash on Delivery are set up',
      setup: true,
    },
  ];
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
