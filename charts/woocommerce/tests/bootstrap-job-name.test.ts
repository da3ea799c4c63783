// The bootstrap Job is named after a hash of its spec, so that a rollback across a change of
// what it does creates the other Job instead of patching an immutable pod template (Helm:
// `cannot patch "<store>-bootstrap" with kind Job … field is immutable`).
import { describe, expect, it } from 'vitest';
import { VALUES_LOCAL, findObject, render, storeValues } from './render';

async function jobName(extra: object[] = []): Promise<string> {
  const objects = await render({
    valuesFiles: [VALUES_LOCAL],
    values: [storeValues('shop1', 'st-name'), ...extra],
  });
  return findObject(objects, 'Job', 'shop1-bootstrap').metadata.name;
}

describe('bootstrap Job name', () => {
  it('is the stem and eight hex digits of its spec’s hash, within a label’s 63 characters', async () => {
    const name = await jobName();
    expect(name).toMatch(/^shop1-bootstrap-[0-9a-f]{8}$/);
    const longest = `${'a'.repeat(40)}-bootstrap-12345678`;
    expect(longest.length).toBeLessThanOrEqual(63);
  });

  it('changes with what the Job does, and only with that', async () => {
    const base = await jobName();
    // Same values, same name: an upgrade that changes nothing of the Job keeps it.
    expect(await jobName()).toBe(base);
    expect(await jobName([{ woocommerce: { version: '10.3.0' } }])).not.toBe(base);
    expect(await jobName([{ images: { wordpress: { tag: '6.8.2-php8.3-apache' } } }])).not.toBe(
      base,
    );
    // WordPress's own memory and a stopped store do not change the Job.
    expect(await jobName([{ wordpress: { resources: { limits: { memory: '1Gi' } } } }])).toBe(base);
    expect(await jobName([{ store: { stopped: true } }])).toBe(base);
  });
});
