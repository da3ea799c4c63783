import type { ReadinessStep, StoreRef, StorefrontTlsNames, WorkloadNames } from './driver';
import type { StepName } from '../../src-shared/types/store-types';
import { isDnsSubdomain } from '../../src-shared/rules/dns-label';
import { storeNameProblem } from '../../src-shared/rules/store-name-rule';
import { findChartDir } from './chart-path';
import { ingressTlsNames } from './ingress-tls';

/** Parts every store kind's driver shares: its Helm release, host, TLS names and chart. */

/** The store's name is its release name; a name that is not a DNS-1123 label is refused. */
export function releaseName(store: StoreRef): string {
  const problem = storeNameProblem(store.name);
  if (problem) throw new Error(`store name "${store.name}" is not a DNS-1123 label: ${problem}`);
  return store.name;
}

/** `<release>.<domain>`, the store's host under the cluster's domain. */
export function storeHost(store: StoreRef, domain: string): string {
  if (!isDnsSubdomain(domain)) throw new Error(`"${domain}" is not a valid domain`);
  return `${releaseName(store)}.${domain}`;
}

/** The chart's Ingress asks cert-manager for a Certificate named after its TLS Secret. */
export function tlsNames(store: StoreRef, values: Record<string, unknown>): StorefrontTlsNames {
  return ingressTlsNames(releaseName(store), values);
}

export interface KindChart {
  available: boolean;
  unavailableReason?: string;
  /** the chart's folder; throws when it was not found */
  path(): string;
}

/** charts/<kind> as given or found from `searchFrom`; what a driver says when it is not there. */
export function kindChart(o: {
  kind: string;
  displayName: string;
  chartPath: string | undefined;
  searchFrom: string;
}): KindChart {
  const chartPath = o.chartPath ?? findChartDir(o.kind, o.searchFrom);
  return {
    available: chartPath !== null,
    ...(chartPath === null
      ? {
          unavailableReason: `The ${o.displayName} chart was not found (searched from ${o.searchFrom}).`,
        }
      : {}),
    path(): string {
      if (chartPath === null) {
        throw new Error(
          `the ${o.displayName} chart was not found: no charts/${o.kind}/Chart.yaml in the app's folder (searched from ${o.searchFrom})`,
        );
      }
      return chartPath;
    },
  };
}

/**
 * A store's workloads by the chart's naming: `<release>-<database>` StatefulSet,
 * `<release>-<app>` Deployment and Service, `<release>-<setupJob>` Job, `<release>-credentials`.
 */
export function storeWorkloads(
  store: StoreRef,
  parts: { database: string; app: string; setupJob: string },
): WorkloadNames {
  const release = releaseName(store);
  return {
    statefulSets: [`${release}-${parts.database}`],
    deployments: [`${release}-${parts.app}`],
    bootstrapJob: `${release}-${parts.setupJob}`,
    credentialsSecret: `${release}-credentials`,
    service: `${release}-${parts.app}`,
    servicePort: 'http',
  };
}

interface WaitStep {
  step: StepName;
  /** what people call it: "PostgreSQL", "WordPress" */
  name: string;
  /** the started message when "Waiting for <name>" says too little */
  started?: string;
}

/** The database first, then the app, then the one-off setup Job. */
export function readinessSteps(
  names: WorkloadNames,
  steps: {
    database: WaitStep;
    app: WaitStep;
    setup: { step: StepName; started: string; done: string };
  },
): ReadinessStep[] {
  const { database, app, setup } = steps;
  return [
    {
      step: database.step,
      started: database.started ?? `Waiting for ${database.name}`,
      wait: names.statefulSets.map((name) => ({ kind: 'statefulset' as const, name })),
      done: `${database.name} is ready (${names.statefulSets.join(', ')})`,
    },
    {
      step: app.step,
      started: app.started ?? `Waiting for ${app.name}`,
      wait: names.deployments.map((name) => ({ kind: 'deployment' as const, name })),
      done: `${app.name} is ready (${names.deployments.join(', ')})`,
    },
    {
      step: setup.step,
      started: setup.started,
      wait: [{ kind: 'job', name: names.bootstrapJob }],
      done: setup.done,
      setup: true,
    },
  ];
}
