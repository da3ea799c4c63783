import { describe, expect, it } from 'vitest';
import {
  CHART_DIR,
  VALUES_LOCAL,
  VALUES_PROD,
  helm,
  render,
  storeValues,
  valuesArgs,
  withValuesFiles,
} from './render';

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('Medusa chart with values-%s.yaml', (_name, valuesFile) => {
  it('passes helm lint --strict with per-store values', async () => {
    const result = await withValuesFiles([storeValues()], (files) =>
      helm(['lint', '--strict', CHART_DIR, ...valuesArgs([valuesFile, ...files])]),
    );
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('0 chart(s) failed');
    expect(result.exitCode).toBe(0);
  });

  it('renders every object kind a store needs', async () => {
    const objects = await render({ valuesFiles: [valuesFile], values: [storeValues()] });
    // The setup Job is named after a hash of its spec (see setup-job.yaml).
    const stem = (name: string): string => name.replace(/^(shop1-setup)-[0-9a-f]{8}$/, '$1');
    expect(objects.map((o) => `${o.kind}/${stem(o.metadata.name)}`).sort()).toEqual(
      [
        'ConfigMap/shop1-scripts',
        'Deployment/shop1-medusa',
        'Ingress/shop1-medusa',
        'Job/shop1-setup',
        'LimitRange/shop1-limits',
        'NetworkPolicy/shop1-default-deny',
        'NetworkPolicy/shop1-dns',
        'NetworkPolicy/shop1-medusa',
        'NetworkPolicy/shop1-postgres',
        'NetworkPolicy/shop1-setup',
        'ResourceQuota/shop1-quota',
        'Secret/shop1-credentials',
        'Service/shop1-medusa',
        'Service/shop1-postgres',
        'StatefulSet/shop1-postgres',
      ].sort(),
    );
  });
});

describe('Medusa chart install order', () => {
  // helm template prints objects in the order helm install creates them.
  it('creates quota, limit range and network policies before any workload', async () => {
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    const kinds = objects.map((o) => o.kind);
    const firstWorkload = Math.min(
      ...['Deployment', 'StatefulSet', 'Job'].map((kind) => kinds.indexOf(kind)),
    );
    expect(firstWorkload).toBeGreaterThan(0);
    for (const guardrail of ['ResourceQuota', 'LimitRange', 'NetworkPolicy']) {
      expect(kinds.indexOf(guardrail)).toBeGreaterThanOrEqual(0);
      expect(kinds.lastIndexOf(guardrail)).toBeLessThan(firstWorkload);
    }
  });
});
