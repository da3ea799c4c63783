import { afterEach, describe, expect, it, vi } from 'vitest';
import { standInStore } from '../../../test-rig/fake-fixtures';
import { SNAPSHOT_APPLY_MARK } from '../state/perf-marks';
import { useStores } from '../state/stores-store';
import { BENCH_MODE } from './bench-build';
import { installBenchHook, type BenchHook } from './bench-hook';

afterEach(() => {
  useStores.getState().reset();
  vi.unstubAllEnvs();
});

type Win = { location: { search: string }; storefleetBench?: BenchHook };

describe('bench hook', () => {
  it('is not installed without ?bench', () => {
    vi.stubEnv('MODE', BENCH_MODE);
    const win: Win = { location: { search: '?token=abc' } };
    expect(installBenchHook(win)).toBe(false);
    expect(win.storefleetBench).toBeUndefined();
  });

  it('in a bench build under ?bench applies a snapshot through the store and sets the mark the benchmark reads', () => {
    vi.stubEnv('MODE', BENCH_MODE);
    const win: Win = { location: { search: '?token=abc&bench' } };
    expect(installBenchHook(win)).toBe(true);
    performance.clearMarks(SNAPSHOT_APPLY_MARK);
    win.storefleetBench?.applySnapshot('k3d-dev', [standInStore({ name: 'shop' })]);
    expect(Object.keys(useStores.getState().byId)).toEqual(['id-shop']);
    expect(performance.getEntriesByName(SNAPSHOT_APPLY_MARK, 'mark')).toHaveLength(1);
  });

  it('outside a bench build is neither installed under ?bench nor sets marks', () => {
    vi.stubEnv('MODE', 'production');
    const win: Win = { location: { search: '?token=abc&bench' } };
    expect(installBenchHook(win)).toBe(false);
    expect(win.storefleetBench).toBeUndefined();
    performance.clearMarks(SNAPSHOT_APPLY_MARK);
    useStores.getState().applySnapshot('k3d-dev', [standInStore({ name: 'shop' })], Date.now());
    expect(Object.keys(useStores.getState().byId)).toEqual(['id-shop']);
    expect(performance.getEntriesByName(SNAPSHOT_APPLY_MARK, 'mark')).toHaveLength(0);
  });
});
