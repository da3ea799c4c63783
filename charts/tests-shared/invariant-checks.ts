// Checks every store kind's chart passes, whatever it runs: resources, quota, disk, labels and
// where its secrets may appear. Each chart's invariants test calls them on its rendered objects.
import { expect } from 'vitest';
import { parseQuantity } from '../woocommerce/tests/quantity';
import { findObject, type K8sObject } from '../woocommerce/tests/render';
import {
  containersOf,
  isWorkload,
  podTemplateOf,
  specOf,
  type Container,
} from '../woocommerce/tests/shapes';

export const STANDARD_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/version',
  'app.kubernetes.io/managed-by',
  'app.kubernetes.io/component',
  'app.kubernetes.io/part-of',
];

interface ClaimTemplate {
  metadata: { labels?: Record<string, string> };
  spec: { resources: { requests: { storage: string } } };
}

function claimTemplatesOf(obj: K8sObject): ClaimTemplate[] {
  if (obj.kind !== 'StatefulSet') return [];
  return specOf<{ volumeClaimTemplates?: ClaimTemplate[] }>(obj).volumeClaimTemplates ?? [];
}

/** What a pod counts against a quota: the larger of its init containers and the sum of the rest. */
function podUsage(
  containers: Container[],
  init: Container[],
  kind: 'requests' | 'limits',
  resource: string,
): number {
  const of = (c: Container): number => parseQuantity(c.resources?.[kind]?.[resource] ?? '0');
  const main = containers.reduce((sum, c) => sum + of(c), 0);
  return Math.max(main, ...init.map(of));
}

const RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];

// What a pod's containers write to their writable layers and logs, beyond its emptyDirs.
const WRITES_HEADROOM = parseQuantity('256Mi');

/** Every container of every workload, init containers included, has requests and limits of all three. */
export function expectEveryContainerSized(objects: K8sObject[]): void {
  for (const workload of objects.filter(isWorkload)) {
    for (const container of containersOf(workload)) {
      const where = `${workload.kind}/${container.name}`;
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of RESOURCES)
          expect(
            container.resources?.[kind]?.[resource],
            `${where} ${kind}.${resource}`,
          ).toBeTruthy();
      }
    }
  }
}

/**
 * The quota holds every pod at once, each container fits the limit range max, and the store's
 * `claims` volume claims (PersistentVolumeClaims and claim templates) fit the quota's storage.
 */
export function expectQuotaHoldsStore(objects: K8sObject[], claims: number): void {
  const hard = specOf<{ hard: Record<string, string> }>(
    findObject(objects, 'ResourceQuota', 'shop1-quota'),
  ).hard;
  const limitRange = specOf<{ limits: { type: string; max: Record<string, string> }[] }>(
    findObject(objects, 'LimitRange', 'shop1-limits'),
  ).limits.find((l) => l.type === 'Container');
  expect(limitRange).toBeDefined();
  for (const kind of ['requests', 'limits'] as const) {
    for (const resource of RESOURCES) {
      const total = objects.filter(isWorkload).reduce((sum, w) => {
        const spec = podTemplateOf(w).spec;
        return sum + podUsage(spec.containers, spec.initContainers ?? [], kind, resource);
      }, 0);
      const quota = hard[`${kind}.${resource}`];
      expect(quota, `quota ${kind}.${resource}`).toBeDefined();
      expect(total, `${kind}.${resource}`).toBeLessThanOrEqual(parseQuantity(quota ?? '0'));
    }
  }
  for (const container of objects.filter(isWorkload).flatMap(containersOf)) {
    for (const resource of RESOURCES) {
      expect(
        parseQuantity(container.resources?.limits?.[resource] ?? '0'),
        `${container.name} ${resource}`,
      ).toBeLessThanOrEqual(parseQuantity(limitRange?.max[resource] ?? '0'));
    }
  }
  const storage = [
    ...objects
      .filter((o) => o.kind === 'PersistentVolumeClaim')
      .map((o) => specOf<ClaimTemplate['spec']>(o).resources.requests.storage),
    ...objects.flatMap(claimTemplatesOf).map((c) => c.spec.resources.requests.storage),
  ];
  expect(storage).toHaveLength(claims);
  expect(storage.length).toBeLessThanOrEqual(Number(hard.persistentvolumeclaims));
  expect(storage.reduce((sum, s) => sum + parseQuantity(s), 0)).toBeLessThanOrEqual(
    parseQuantity(hard['requests.storage'] ?? '0'),
  );
  for (const key of ['pods', 'services', 'secrets', 'configmaps'])
    expect(Number(hard[key])).toBeGreaterThan(0);
}

/** Each pod's ephemeral storage holds its emptyDirs plus what its containers write. */
export function expectEmptyDirsFit(objects: K8sObject[]): void {
  for (const workload of objects.filter(isWorkload)) {
    const spec = podTemplateOf(workload).spec;
    const emptyDirs = (spec.volumes ?? []).filter((v) => v.emptyDir !== undefined);
    for (const volume of emptyDirs)
      expect(volume.emptyDir?.sizeLimit, `${workload.kind} ${volume.name}`).toBeTruthy();
    const emptyDirTotal = emptyDirs.reduce(
      (sum, v) => sum + parseQuantity(v.emptyDir?.sizeLimit ?? '0'),
      0,
    );
    // emptyDirs count against the pod's ephemeral storage; the containers' writable layers and
    // logs come on top.
    const podLimit = podUsage(
      spec.containers,
      spec.initContainers ?? [],
      'limits',
      'ephemeral-storage',
    );
    expect(podLimit, workload.kind).toBeGreaterThanOrEqual(emptyDirTotal + WRITES_HEADROOM);
    for (const container of spec.containers) {
      const request = parseQuantity(container.resources?.requests?.['ephemeral-storage'] ?? '0');
      const limit = parseQuantity(container.resources?.limits?.['ephemeral-storage'] ?? '0');
      expect(request, `${workload.kind}/${container.name}`).toBeGreaterThan(0);
      expect(request, `${workload.kind}/${container.name}`).toBeLessThanOrEqual(limit);
    }
  }
}

/** Every object, pod template and claim template carries the store id and the standard labels. */
export function expectStoreLabels(objects: K8sObject[], storeId: string): void {
  for (const obj of objects) {
    const where = `${obj.kind}/${obj.metadata.name}`;
    expect(obj.metadata.labels?.['storefleet.io/store-id'], where).toBe(storeId);
    for (const label of STANDARD_LABELS)
      expect(obj.metadata.labels?.[label], `${where} ${label}`).toBeTruthy();
    if (isWorkload(obj)) {
      const podLabels = podTemplateOf(obj).metadata.labels ?? {};
      expect(podLabels['storefleet.io/store-id'], `${where} pod template`).toBe(storeId);
      for (const label of STANDARD_LABELS)
        expect(podLabels[label], `${where} pod ${label}`).toBeTruthy();
    }
    for (const claim of claimTemplatesOf(obj)) {
      expect(claim.metadata.labels?.['storefleet.io/store-id'], `${where} claim template`).toBe(
        storeId,
      );
      // Claim templates are immutable; a label that changes with the chart version would block upgrades.
      const stable = STANDARD_LABELS.filter((l) => l !== 'app.kubernetes.io/version');
      for (const label of stable)
        expect(claim.metadata.labels?.[label], `${where} claim ${label}`).toBeTruthy();
      expect(claim.metadata.labels?.['app.kubernetes.io/version']).toBeUndefined();
    }
  }
}

/**
 * No secret, plain or base64-encoded, in any object but the Secret, which has no stringData.
 * Compares booleans, so a failing test never prints a secret. `word` names them in messages.
 */
export function expectSecretsOnlyInSecret(
  objects: K8sObject[],
  secrets: string[],
  word: string,
): K8sObject & { data: Record<string, string>; stringData?: unknown } {
  const encoded = secrets.map((s) => Buffer.from(s).toString('base64'));
  for (const obj of objects.filter((o) => o.kind !== 'Secret')) {
    const text = JSON.stringify(obj);
    for (const secret of [...secrets, ...encoded])
      expect(text.includes(secret), `${word} in ${obj.kind}/${obj.metadata.name}`).toBe(false);
  }
  const secret = findObject(objects, 'Secret', 'shop1-credentials') as K8sObject & {
    data: Record<string, string>;
    stringData?: unknown;
  };
  expect(secret.stringData).toBeUndefined();
  return secret;
}
