import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkMemoryLimit, memoryBytes, readMemoryCap } from './memory-cap';
import { LOCAL_VALUES_FILE, REPO_ROOT } from '../../test-rig/engine/test-engine';

const dir = mkdtempSync(join(tmpdir(), 'storefleet-memcap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('memoryBytes', () => {
  it.each([
    ['512Mi', 512 * 2 ** 20],
    ['1Gi', 2 ** 30],
    ['1G', 1e9],
    ['1.5Gi', 1.5 * 2 ** 30],
    ['2048', 2048],
  ])('reads %s', (q, bytes) => {
    expect(memoryBytes(q)).toBe(bytes);
  });

  it.each(['lots', '1e9', '-1Mi', '12Xi', ''])('gives null for %j', (q) => {
    expect(memoryBytes(q)).toBeNull();
  });
});

describe('readMemoryCap', () => {
  const chart = join(REPO_ROOT, 'charts', 'woocommerce');

  it('reads the LimitRange max of the chart and the local values file', () => {
    expect(readMemoryCap(chart, [LOCAL_VALUES_FILE])).toBe('1Gi');
  });

  it('lets a later values file override the max, and keeps the earlier one when it is silent', () => {
    const raised = join(dir, 'raised.yaml');
    const silent = join(dir, 'silent.yaml');
    writeFileSync(raised, 'limitRange:\n  max: { memory: 3Gi }\n');
    writeFileSync(silent, 'wordpress: {}\n');
    expect(readMemoryCap(chart, [raised, silent])).toBe('3Gi');
  });
});

describe('checkMemoryLimit', () => {
  it('accepts a limit up to the cap, or any limit when there is no cap', () => {
    expect(() => checkMemoryLimit('1024Mi', '1Gi')).not.toThrow();
    expect(() => checkMemoryLimit('64Gi', null)).not.toThrow();
  });

  it('refuses a limit above the cap with a sentence naming both', () => {
    expect(() => checkMemoryLimit('1025Mi', '1Gi')).toThrow(
      expect.objectContaining({
        code: 'invalid-argument',
        message: expect.stringMatching(/A memory limit of 1025Mi is above the 1Gi/) as string,
      }),
    );
  });
});
