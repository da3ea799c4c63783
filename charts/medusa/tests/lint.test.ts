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
])('Medusa chart with values-%s.yaml', (_name, valuesFile) => {
  it('passes helm lint --strict with per-store values', async () => {
    await expectLintPasses(CHART_DIR, valuesFile, storeValues());
  });

  it('renders every object kind a store needs', async () => {
    const objects = await render({ valuesFiles: [valuesFile], values: [storeValues()] });
    // The setup Job is named after a hash of its spec (see setup-job.yaml).
    expectObjectNames(objects, 'shop1-setup', [
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
    ]);
  });
});

describe('Medusa chart install order', () => {
  it('creates quota, limit range and network policies before any workload', async () => {
    const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues()] });
    expectGuardrailsBeforeWorkloads(objects, ['Deployment', 'StatefulSet', 'Job']);
  });
});
