import { describe, expect, it } from 'vitest';
import { OVERSCAN_ROWS, rowWindow } from './row-window';

const base = { rowCount: 500, rowPx: 32, offsetPx: 32, scrollTop: 0, heightPx: 320 };

describe('rowWindow', () => {
  it('at the top draws the rows in view and the overscan below', () => {
    expect(rowWindow(base)).toEqual({ start: 0, end: 11 + OVERSCAN_ROWS });
  });

  it('scrolled down, starts the overscan above the first row in view', () => {
    // 32 px of header, then row 200 starts at 32 + 200 * 32.
    expect(rowWindow({ ...base, scrollTop: 32 + 200 * 32 })).toEqual({
      start: 200 - OVERSCAN_ROWS,
      end: 200 + 11 + OVERSCAN_ROWS,
    });
  });

  it('never runs past either end', () => {
    expect(rowWindow({ ...base, scrollTop: 1e9 })).toEqual({ start: 500, end: 500 });
    expect(rowWindow({ ...base, scrollTop: -50 })).toEqual({ start: 0, end: 21 });
    expect(rowWindow({ ...base, rowCount: 5 })).toEqual({ start: 0, end: 5 });
  });

  it('draws nothing for an empty list or an unmeasured row', () => {
    expect(rowWindow({ ...base, rowCount: 0 })).toEqual({ start: 0, end: 0 });
    expect(rowWindow({ ...base, rowPx: 0 })).toEqual({ start: 0, end: 0 });
  });

  it('with no height yet draws the overscan, so the first frame is never empty', () => {
    expect(rowWindow({ ...base, heightPx: 0 })).toEqual({ start: 0, end: 1 + OVERSCAN_ROWS });
  });
});
