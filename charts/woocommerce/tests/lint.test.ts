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
])('chart with values-%s.yaml', (_name, valuesFile) => {
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
    // The bootstrap Job is named after a hash of its spec (see bootstrap-job.yaml).
    const stem = (name: string): string => name.replace(/^(shop1-bootstrap)-[0-9a-f]{8}$/, '$1');
    expect(objects.map((o) => `${o.kind}/${stem(o.metadata.name)}`).sort()).toEqual(
      [
        'ConfigMap/shop1-bootstrap',
        'CronJob/shop1-cron',
        'Deployment/shop1-wordpress',
        'Ingress/shop1-wordpress',
        'Job/shop1-bootstrap',
        'LimitRange/shop1-limits',
        'NetworkPolicy/shop1-bootstrap',
        'NetworkPolicy/shop1-cron',
        'NetworkPolicy/shop1-default-deny',
        'NetworkPolicy/shop1-dns',
        'NetworkPolicy/shop1-mariadb',
        'NetworkPolicy/shop1-wordpress',
        'PersistentVolumeClaim/shop1-wordpress-content',
        'ResourceQuota/shop1-quota',
        'Secret/shop1-credentials',
        'Service/shop1-mariadb',
        'Service/shop1-wordpress',
        'StatefulSet/shop1-mariadb',
        // the mail catcher, on in values-local.yaml and off in values-prod.yaml
        ...(valuesFile === VALUES_LOCAL
          ? [
              'Deployment/shop1-mailpit',
              'Ingress/shop1-mailpit',
              'NetworkPolicy/shop1-mailpit',
              'Service/shop1-mailpit',
            ]
          : []),
      ].sort(),
    );
  });
});

describe('install order', () => {
  // helm template prints objects in the order helm install creates them.
  it('creates quota, limit range and network policies before any workload', async () => {
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    const kinds = objects.map((o) => o.kind);
    const firstWorkload = Math.min(
      ...['Deployment', 'StatefulSet', 'Job', 'CronJob'].map((kind) => kinds.indexOf(kind)),
    );
    expect(firstWorkload).toBeGreaterThan(0);
    for (const guardrail of ['ResourceQuota', 'LimitRange', 'NetworkPolicy']) {
      expect(kinds.indexOf(guardrail)).toBeGreaterThanOrEqual(0);
      expect(kinds.lastIndexOf(guardrail)).toBeLessThan(firstWorkload);
    }
  });
});
