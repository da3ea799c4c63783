import { describe, expect, it } from 'vitest';
import { parseKubeQuantity, quantityOrNull } from './quantity';

describe('parseKubeQuantity', () => {
  it('reads CPU in cores, down to the nanocores metrics-server reports', () => {
    expect(parseKubeQuantity('250m')).toBeCloseTo(0.25, 12);
    expect(parseKubeQuantity('2')).toBe(2);
    expect(parseKubeQuantity('1.5')).toBe(1.5);
    expect(parseKubeQuantity('4528591n')).toBeCloseTo(0.004528591, 12);
    expect(parseKubeQuantity('1500u')).toBeCloseTo(0.0015, 12);
    expect(parseKubeQuantity('0')).toBe(0);
  });

  it('reads memory in bytes, binary and decimal', () => {
    expect(parseKubeQuantity('512Mi')).toBe(536_870_912);
    expect(parseKubeQuantity('2Gi')).toBe(2 * 1024 ** 3);
    expect(parseKubeQuantity('123456Ki')).toBe(123_456 * 1024);
    expect(parseKubeQuantity('1Ti')).toBe(1024 ** 4);
    expect(parseKubeQuantity('1k')).toBe(1000);
    expect(parseKubeQuantity('128M')).toBe(128_000_000);
    expect(parseKubeQuantity('3G')).toBe(3e9);
    expect(parseKubeQuantity('104857600')).toBe(104_857_600);
  });

  it('reads exponents, signs and the short decimal forms the API accepts', () => {
    expect(parseKubeQuantity('1e3')).toBe(1000);
    expect(parseKubeQuantity('12E-3')).toBeCloseTo(0.012, 12);
    expect(parseKubeQuantity('.5')).toBe(0.5);
    expect(parseKubeQuantity('5.')).toBe(5);
    expect(parseKubeQuantity('-1')).toBe(-1);
    expect(parseKubeQuantity(' 1Gi ')).toBe(1024 ** 3);
  });

  it('refuses what is not a quantity', () => {
    for (const text of [
      '',
      'Mi',
      '1 Gi',
      '1mi',
      '1KB',
      '1ki',
      'abc',
      '1e',
      '1Gi2',
      '0x10',
      'NaN',
    ]) {
      expect(parseKubeQuantity(text), text).toBeNull();
    }
    expect(quantityOrNull(undefined)).toBeNull();
    expect(quantityOrNull(5)).toBeNull();
    expect(quantityOrNull('5')).toBe(5);
  });
});
