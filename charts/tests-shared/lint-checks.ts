// Lint and object-list checks every store kind's chart passes; each chart's lint test calls them
// with its own chart folder, values and names.
import { expect } from 'vitest';
import {
  helm,
  valuesArgs,
  withValuesFiles,
  type K8sObject,
  type Values,
} from '../woocommerce/tests/render';

/** `helm lint --strict` of the chart with a values file and per-store values: clean. */
export async function expectLintPasses(
  chartDir: string,
  valuesFile: string,
  values: Values,
): Promise<void> {
  const result = await withValuesFiles([values], (files) =>
    helm(['lint', '--strict', chartDir, ...valuesArgs([valuesFile, ...files])]),
  );
  expect(result.stderr).toBe('');
  expect(result.stdout).toContain('0 chart(s) failed');
  expect(result.exitCode).toBe(0);
}

/**
 * The rendered objects as `Kind/name`, exactly `expected`; `hashedJob` is the Job named after a
 * hash of its spec (`<hashedJob>-<8 hex>`), compared by its stem.
 */
export function expectObjectNames(
  objects: K8sObject[],
  hashedJob: string,
  expected: string[],
): void {
  const hashed = new RegExp(`^(${hashedJob})-[0-9a-f]{8}$`);
  const stem = (name: string): string => name.replace(hashed, '$1');
  expect(objects.map((o) => `${o.kind}/${stem(o.metadata.name)}`).sort()).toEqual(
    [...expected].sort(),
  );
}

/** helm template prints objects in the order helm install creates them: guardrails first. */
export function expectGuardrailsBeforeWorkloads(
  objects: K8sObject[],
  workloadKinds: string[],
): void {
  const kinds = objects.map((o) => o.kind);
  const firstWorkload = Math.min(...workloadKinds.map((kind) => kinds.indexOf(kind)));
  expect(firstWorkload).toBeGreaterThan(0);
  for (const guardrail of ['ResourceQuota', 'LimitRange', 'NetworkPolicy']) {
    expect(kinds.indexOf(guardrail)).toBeGreaterThanOrEqual(0);
    expect(kinds.lastIndexOf(guardrail)).toBeLessThan(firstWorkload);
  }
}
