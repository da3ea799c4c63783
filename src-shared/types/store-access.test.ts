import { describe, expect, it } from 'vitest';
import { adminAvailableFor } from './store-access';
import { MEDUSA_PROVISION_STEPS, PROVISION_STEPS } from './store-types';

describe('adminAvailableFor', () => {
  it("opens the admin once the store's app answered: after WordPress, or after Medusa", () => {
    const woo = PROVISION_STEPS.filter((s) => adminAvailableFor('Failed', s));
    expect(woo).toEqual(['bootstrap', 'verify', 'ready']);
    const medusa = MEDUSA_PROVISION_STEPS.filter((s) => adminAvailableFor('Provisioning', s));
    expect(medusa).toEqual(['setup', 'verify', 'ready']);
    expect(adminAvailableFor('Ready', null)).toBe(true);
    expect(adminAvailableFor('Queued', 'setup')).toBe(false);
  });
});
