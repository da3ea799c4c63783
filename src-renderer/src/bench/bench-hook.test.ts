import { afterEach, describe, expect, it } from 'vitest';
import { standInStore } from '../api/stand-in/stand-in-fixtures';
import { SNAPSHOT_APPLY_MARK } from '../state/perf-marks';
import { useStores } from '../state/stores-store';
import { installBenchHook, type BenchHook } from './bench-hook';

afterEach(() => useStores.getState().reset());

describe('bench hook', () => {
  it('is not installed without ?bench', () => {
    const win: { location: { search: string }; storefleetBench?: BenchHook } = {
      location: { search: '?token=abc' },
    };
    expect(installBenchHook(win)).toBe(false);
    expect(win.storefleetBench).toBeUndefined();
  });

  it('under ?bench applies a snapshot through the store and sets the mark the benchmark reads', () => {
    const win: { location: { search: string }; storefleetBench?: BenchHook } = {
      location: { search: '?token=abc&bench' },
    };
    expect(installBenchHook(win)).toBe(true);
    performance.clearMarks(SNAPSHOT_APPLY_MARK);
    win.storefleetBench?.applySnapshot('k3d-dev', [standInStore({ name: 'shop' })]);
    expect(Object.keys(useStores.getState().byId)).toEqual(['id-shop']);
    expect(performance.getEntriesByName(SNAPSHOT_APPLY_MARK, 'mark')).toHaveLength(1);
  });
});
