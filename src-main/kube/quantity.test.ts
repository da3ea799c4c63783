import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it.each([
    ['250m', 0.25],
    ['2', 2],
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1.5G', 1.5e9],
    [' 10k ', 1e4],
  ])('reads %s', (text, value) => {
    expect(parseQuantity(text)).toBe(value);
  });

  it.each(['', 'Mi', '-1Gi', '1Gb', '1e3', 'lots'])('refuses %j', (text) => {
    expect(parseQuantity(text)).toBeNull();
  });
});
