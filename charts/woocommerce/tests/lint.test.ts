import { describe, it } from 'vitest';
import {
  expectGuardrailsBeforeWorkloads,
  expectLintPasses,
  expectObjectNames,
} from '../../tests-shared/lint-checks';
import { CHART_DIR, VALUES_LOCAL, VALUES_PROD, render, storeValues } from './render';

describe.each([
  ['local', VALUES_LOCAL],
  ['prod', VALUES_PROD],
])('chart with values-%s.yaml', (_name, valuesFile) => {
  it('passes helm lint --strict with per-store values', async () => {
    await expectLintPasses(CHART_DIR, valuesFile, storeValues());
  });

  it('renders every object kind a store needs', async () => {
    const objects = await render({ valuesFiles: [valuesFile], values: [storeValues()] });
    // The bootstrap Job is named after a hash of its spec (see bootstrap-job.yaml).
    expectObjectNames(objects, 'shop1-bootstrap', [
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
    ]);
  });
});

describe('install order', () => {
  it('creates quota, limit range and network policies before any workload', async () => {
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    expectGuardrailsBeforeWorkloads(objects, ['Deployment', 'StatefulSet', 'Job', 'CronJob']);
  });
});
