import type {
  PrepareInput,
  PrepareResult,
  ReadinessStep,
  StoreKindDriver,
  StoreRef,
  StorefrontTarget,
  VerifyContext,
  VerifyResult,
  WorkloadNames,
} from '../driver';
import { createKubeClients } from '../../kube/client';
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
  defaultMedusaImageTools,
  ensureMedusaImage,
  isMedusaImageError,
  listNodeImages,
  type MedusaImageResult,
  type MedusaImageTools,
} from './image/ensure-medusa-image';
import { credentialsFromSecretData, generateSecrets, secretsFromSecretData } from './secrets';
import { buildValues, settingsFromValues } from './values';
import { SharedImageRuns } from './shared-image';
import { verifyMedusaStore } from './verify-medusa-store';

function workloads(store: StoreRef): WorkloadNames {
  return storeWorkloads(store, { database: 'postgres', app: 'medusa', setupJob: 'setup' });
}

/** PostgreSQL first (Medusa migrates it), then Medusa, then the setup Job's admin user. */
function readiness(store: StoreRef): ReadinessStep[] {
  return readinessSteps(workloads(store), {
    database: { step: 'wait-postgres', name: 'PostgreSQL' },
    app: {
      step: 'wait-medusa',
      name: 'Medusa',
      started: 'Waiting for Medusa (its database migrations run first)',
    },
    setup: {
      step: 'setup',
      started: 'Waiting for the setup Job (the admin user)',
      done: 'The admin user is set up',
    },
  });
}

/** The store's admin login read from its Secret, then one order through the Store API. */
async function verify(
  target: StorefrontTarget,
  context: VerifyContext | undefined,
  fetchTimeoutMs: number | undefined,
): Promise<VerifyResult> {
  if (!context)
    throw new Error('A Medusa store is checked with its admin login, which was not given.');
  const { login } = await context.readSecrets();
  const order = await verifyMedusaStore({
    ...target,
    timeoutMs: target.timeoutMs ?? fetchTimeoutMs,
    admin: { email: login.username, password: login.password },
    checkpoint: context.checkpoint,
  });
  const number = order.displayId ?? order.orderId;
  return {
    orderId: number,
    status: order.status,
    message: `Order #${number} placed with the system payment provider (${order.status})`,
    learned: { publishableKey: order.publishableKey },
  };
}

/** The image step: the store's image ready for its cluster, kept in its settings when built. */
async function prepare(
  input: PrepareInput,
  o: { tools?: MedusaImageTools; projectDir?: string; runs: SharedImageRuns<MedusaImageResult> },
): Promise<PrepareResult> {
  const ensure = (): Promise<MedusaImageResult> =>
    ensureMedusaImage({
      context: input.kube.context,
      values: input.values,
      tools: o.tools ?? defaultMedusaImageTools(),
      nodeImages: () =>
        listNodeImages(
          createKubeClients(input.kube, { signal: input.signal, timeoutMs: 30_000 }).core,
        ),
      progress: (line) => input.progress(line),
      signal: input.signal,
      ...(o.projectDir === undefined ? {} : { projectDir: o.projectDir }),
    });
  // Values that name the image need no build to share; a k3d cluster's build is shared.
  const image = await o.runs.run(
    `${input.kube.context}\n${JSON.stringify(input.values['medusa'] ?? null)}`,
    ensure,
    {
      signal: input.signal,
      waiting: () =>
        input.progress(
          'Another store is making the Medusa image ready on this cluster; waiting for it.',
        ),
      wasCancelled: (error) => isMedusaImageError(error, 'cancelled'),
    },
  );
  return {
    message: image.message,
    // An image the values name stays theirs: a later values file may change it.
    settings:
      image.source === 'values'
        ? {}
        : { medusaImageRepository: image.repository, medusaImageTag: image.tag },
  };
}

export function createMedusaDriver(
  opts: {
    chartPath?: string;
    /** budget for one storefront check, retries included, when the target sets none */
    fetchTimeoutMs?: number;
    /** where the search for charts/medusa starts; this module's folder by default */
    chartSearchFrom?: string;
    /** docker and k3d for the image step; found on this computer by default */
    imageTools?: MedusaImageTools;
    /** the backend project the image is built from; images/medusa in the app's root by default */
    projectDir?: string;
  } = {},
): StoreKindDriver {
  const searchFrom = opts.chartSearchFrom ?? import.meta.dirname;
  const chart = kindChart({
    kind: 'medusa',
    displayName: 'Medusa',
    chartPath: opts.chartPath,
    searchFrom,
  });
  const runs = new SharedImageRuns<MedusaImageResult>();
  return {
    kind: 'medusa',
    displayName: 'Medusa',
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
    adminUrl: (url) => `${url.replace(/\/+$/, '')}/app`,
    workloads,
    readiness,
    generateSecrets,
    buildValues,
    settingsFromValues,
    secretsFromSecretData,
    credentialsFromSecretData,
    // charts/medusa: the postgres StatefulSet's headless Service, POSTGRES_* env, Secret key.
    databaseAccess: (store) => ({
      engine: 'postgres',
      service: `${releaseName(store)}-postgres`,
      servicePort: 'postgres',
      database: 'medusa',
      user: 'medusa',
      env: { database: 'POSTGRES_DB', user: 'POSTGRES_USER' },
      passwordKey: 'database-password',
    }),
    tlsNames,
    verifyStarted: 'Placing an order through the Store API (system payment provider)',
    verify: (target, context) => verify(target, context, opts.fetchTimeoutMs),
    prepare: (input) =>
      prepare(input, { tools: opts.imageTools, projectDir: opts.projectDir, runs }),
    upgradableValues: ['memoryLimit'],
  };
}

export const medusaDriver: StoreKindDriver = createMedusaDriver();
