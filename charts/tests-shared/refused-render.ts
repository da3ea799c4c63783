// The schema tests' common step: a render that must fail, and what helm said.
import { expect } from 'vitest';
import type { HelmResult, RenderOptions, Values } from '../woocommerce/tests/render';

/** `template` with `valuesFile` and `values` fails and renders nothing: what helm said. */
export async function refusedRender(
  template: (opts: RenderOptions) => Promise<HelmResult>,
  valuesFile: string,
  values: Values[],
): Promise<string> {
  const result = await template({ valuesFiles: [valuesFile], values });
  expect(result.exitCode).not.toBe(0);
  expect(result.stdout).toBe('');
  return result.stderr;
}
