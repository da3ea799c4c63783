import { describe, expect, it } from 'vitest';
import { elapsedSince, formatElapsed } from './time';

describe('formatElapsed', () => {
  it.each([
    [0, '0:00'],
    [7_400, '0:07'],
    [754_000, '12:34'],
    [3_723_000, '1:02:03'],
    [-5_000, '0:00'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });

  it('measures from an ISO timestamp', () => {
    expect(elapsedSince('2025-01-01T10:00:00.000Z', Date.parse('2025-01-01T10:01:05.000Z'))).toBe(
      '1:05',
    );
  });
});
