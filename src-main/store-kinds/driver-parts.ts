import type { StoreRef, StorefrontTlsNames } from './driver';
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
