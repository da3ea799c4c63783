// Network policy and ingress checks every store kind's chart passes; each chart's policy test
// calls them with its own `template` and per-store values.
import { expect } from 'vitest';
import {
  findObject,
  type HelmResult,
  type K8sObject,
  type RenderOptions,
  type Values,
} from '../woocommerce/tests/render';
import {
  specOf,
  type LabelSelector,
  type NetworkPolicyPeer,
  type NetworkPolicySpec,
} from '../woocommerce/tests/shapes';

/** The labels that pick the policy tests' store (storeValues('shop1', 'st-policy')). */
export const STORE = {
  'app.kubernetes.io/instance': 'shop1',
  'storefleet.io/store-id': 'st-policy',
};

export function selectsOnlyThisStore(selector: LabelSelector | undefined): boolean {
  return Object.entries(STORE).every(([key, value]) => selector?.matchLabels?.[key] === value);
}

export function policies(objects: readonly K8sObject[]): [string, NetworkPolicySpec][] {
  return objects
    .filter((o) => o.kind === 'NetworkPolicy')
    .map((o) => [o.metadata.name, specOf<NetworkPolicySpec>(o)]);
}

/**
 * An empty ingress controller label set would admit a whole namespace: the chart refuses it with
 * its schema and, with the schema skipped, with its own template guard.
 */
export async function expectEmptyIngressLabelsRefused(
  template: (opts: RenderOptions) => Promise<HelmResult>,
  valuesFile: string,
  values: Values,
): Promise<void> {
  const empty = {
    networkPolicy: { ingressControllerPodLabels: { 'app.kubernetes.io/name': null } },
  };
  const withSchema = await template({ valuesFiles: [valuesFile], values: [values, empty] });
  expect(withSchema.exitCode).not.toBe(0);
  expect(withSchema.stderr).toContain('/networkPolicy/ingressControllerPodLabels');
  const withoutSchema = await template({
    valuesFiles: [valuesFile],
    values: [values, empty],
    extraArgs: ['--skip-schema-validation'],
  });
  expect(withoutSchema.exitCode).not.toBe(0);
  expect(withoutSchema.stderr).toContain(
    'networkPolicy.ingressControllerPodLabels must name at least one label',
  );
}

/** The Ingress terminates TLS for shop1.example.org with a letsencrypt-prod certificate. */
export function expectProductionTls(objects: K8sObject[], ingressName: string): void {
  const ingress = findObject(objects, 'Ingress', ingressName);
  const spec = specOf<{ tls?: { hosts: string[]; secretName: string }[] }>(ingress);
  expect(spec.tls).toEqual([{ hosts: ['shop1.example.org'], secretName: 'shop1-tls' }]);
  expect(ingress.metadata.annotations?.['cert-manager.io/cluster-issuer']).toBe('letsencrypt-prod');
}

/** Each workload named is scaled to zero replicas. */
export function expectScaledToZero(
  objects: K8sObject[],
  workloads: readonly (readonly [kind: string, name: string])[],
): void {
  for (const [kind, name] of workloads)
    expect(specOf<{ replicas: number }>(findObject(objects, kind, name)).replicas).toBe(0);
}

/** Every policy's ingress peers with the policy's name; no ingress rule is open to everyone. */
export function ingressPeers(objects: readonly K8sObject[]): [string, NetworkPolicyPeer][] {
  return policies(objects).flatMap(([name, spec]) =>
    (spec.ingress ?? []).flatMap((rule) => {
      expect(rule.from?.length, `${name} has an ingress rule open to everyone`).toBeGreaterThan(0);
      return (rule.from ?? []).map((peer): [string, NetworkPolicyPeer] => [name, peer]);
    }),
  );
}
