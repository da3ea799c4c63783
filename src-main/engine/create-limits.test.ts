import { describe, expect, it } from 'vitest';
import { createLimitError, rateWindowStart } from './create-limits';

const settings = { maxStoresPerContext: 3, maxCreatesPerMinute: 2 };

describe('createLimitError', () => {
  it('allows a store under both limits', () => {
    expect(createLimitError({ active: 2, createdInWindow: 1, context: 'c' }, settings)).toBeNull();
  });

  it('refuses at the store limit, naming it', () => {
    const error = createLimitError({ active: 3, createdInWindow: 0, context: 'c' }, settings);
    expect(error?.code).toBe('limit-exceeded');
    expect(error?.message).toMatch(/already has 3 stores, the most allowed \(3\)/);
  });

  it('refuses at the per-minute limit', () => {
    const error = createLimitError({ active: 0, createdInWindow: 2, context: 'c' }, settings);
    expect(error?.code).toBe('limit-exceeded');
    expect(error?.message).toMatch(/At most 2 stores may be created per minute/);
  });

  it('counts creations of the last 60 seconds', () => {
    expect(rateWindowStart(new Date('2025-01-01T00:01:00.000Z'))).toBe('2025-01-01T00:00:00.000Z');
  });
});
