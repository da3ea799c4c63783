import { describe, expect, it } from 'vitest';
import { generatePassword, PASSWORD_ALPHABET } from './passwords';

describe('generatePassword', () => {
  it('defaults to 32 characters from the letters-and-digits alphabet', () => {
    const password = generatePassword();
    expect(password).toHaveLength(32);
    expect(password).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('honours the requested length', () => {
    expect(generatePassword(24)).toHaveLength(24);
    expect(generatePassword(1)).toHaveLength(1);
  });

  it('never repeats over many draws', () => {
    const seen = new Set(Array.from({ length: 5000 }, () => generatePassword()));
    expect(seen.size).toBe(5000);
  });

  it('uses every character of the alphabet about equally often', () => {
    const counts = new Map<string, number>();
    const draws = 2000;
    for (let i = 0; i < draws; i++) {
      for (const c of generatePassword(31)) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    expect([...counts.keys()].sort().join('')).toBe([...PASSWORD_ALPHABET].sort().join(''));
    // 62000 characters over 62 symbols: 1000 expected each; 5 sigma is about +-160.
    for (const n of counts.values()) {
      expect(n).toBeGreaterThan(800);
      expect(n).toBeLessThan(1200);
    }
  });

  it.each([0, -1, 1.5, 5000, Number.NaN])('rejects length %s', (length) => {
    expect(() => generatePassword(length)).toThrow(/whole number from 1 to 1024/);
  });
});
