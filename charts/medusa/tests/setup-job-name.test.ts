// The setup Job is named after a hash of its spec, as the WooCommerce chart's bootstrap Job is:
// a rollback across a change of what it does (a new image tag on every backend change) creates
// the other Job instead of patching an immutable pod template. The installer finds it by its
// stem, <release>-setup (src-main/kube/job-wait.ts: isJobOf).
import { describe, expect, it } from 'vitest';
import { isJobOf } from '../../../src-main/kube/job-wait';
import { VALUES_LOCAL, findObject, render, storeValues } from './render';

async function jobName(extra: object[] = []): Promise<string> {
  const values = storeValues('shop1', 'st-name');
  // Fixed secrets: they reach the Job only through the Secret, so they never change its name.
  values.secrets = {
    databasePassword: 'd'.repeat(32),
    jwtSecret: 'j'.repeat(32),
    cookieSecret: 'c'.repeat(32),
    adminPassword: 'a'.repeat(32),
  };
  const objects = await render({ valuesFiles: [VALUES_LOCAL], values: [values, ...extra] });
  return findObject(objects, 'Job', 'shop1-setup').metadata.name;
}

describe('setup Job name', () => {
  it('is the stem and eight hex digits of its spec’s hash, within a label’s 63 characters, found by the installer’s stem match', async () => {
    const name = await jobName();
    expect(name).toMatch(/^shop1-setup-[0-9a-f]{8}$/);
    expect(isJobOf('shop1-setup', name)).toBe(true);
    const longest = `${'a'.repeat(40)}-setup-12345678`;
    expect(longest.length).toBeLessThanOrEqual(63);
  });

  it('changes with what the Job does, and only with that', async () => {
    const base = await jobName();
    expect(await jobName()).toBe(base);
    expect(await jobName([{ medusa: { image: { tag: 'fedcba987654' } } }])).not.toBe(base);
    expect(await jobName([{ medusa: { adminEmail: 'owner@example.org' } }])).not.toBe(base);
    // Medusa's own memory, PostgreSQL and a stopped store do not change the Job.
    expect(await jobName([{ medusa: { resources: { limits: { memory: '1Gi' } } } }])).toBe(base);
    expect(await jobName([{ postgres: { persistence: { size: '5Gi' } } }])).toBe(base);
    expect(await jobName([{ store: { stopped: true } }])).toBe(base);
  });
});
