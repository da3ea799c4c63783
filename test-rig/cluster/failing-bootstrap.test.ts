import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  VALUES_LOCAL,
  findObject,
  render,
  storeValues,
} from '../../charts/woocommerce/tests/render';
import { containersOf } from '../../charts/woocommerce/tests/shapes';
import { FAILING_WP_CLI_STAND_IN_IMAGE, failingBootstrapValues } from './failing-bootstrap';

interface Stage {
  metadata: { name: string };
  spec: { selector: { matchExpressions: { key: string; operator: string; values?: string[] }[] } };
}

async function stages(file: string): Promise<Stage[]> {
  const text = await readFile(new URL(`./kwok/${file}`, import.meta.url), 'utf8');
  return parseAllDocuments(text).map((doc) => doc.toJS() as Stage);
}

function imageRule(stage: Stage | undefined): { operator: string; values?: string[] } | undefined {
  return stage?.spec.selector.matchExpressions.find((e) => e.key === '.spec.containers.[].image');
}

describe('failing bootstrap (test rig failure injection)', () => {
  it('the simulated cluster fails Job pods running the stand-in image, and completes no such pod', async () => {
    const fail = (await stages('pod-fail.yaml')).find(
      (s) => s.metadata.name === 'pod-fail-stand-in-image',
    );
    expect(imageRule(fail)).toEqual({
      key: '.spec.containers.[].image',
      operator: 'In',
      values: [FAILING_WP_CLI_STAND_IN_IMAGE],
    });
    const complete = (await stages('pod-complete.yaml')).find(
      (s) => s.metadata.name === 'pod-complete',
    );
    expect(imageRule(complete)).toMatchObject({
      operator: 'NotIn',
      values: [FAILING_WP_CLI_STAND_IN_IMAGE],
    });
  });

  it('its values run the bootstrap Job on the stand-in image with no retries; the defaults do not', async () => {
    const bootstrapOf = async (extra: object[]) =>
      findObject(
        await render({ valuesFiles: [VALUES_LOCAL], values: [storeValues(), ...extra] }),
        'Job',
        'shop1-bootstrap',
      );
    const failing = await bootstrapOf([failingBootstrapValues()]);
    expect(containersOf(failing).map((c) => c.image)).toContain(FAILING_WP_CLI_STAND_IN_IMAGE);
    expect((failing['spec'] as { backoffLimit: number }).backoffLimit).toBe(0);
    const normal = await bootstrapOf([]);
    expect(containersOf(normal).map((c) => c.image)).not.toContain(FAILING_WP_CLI_STAND_IN_IMAGE);
  });
});
