import { describe, expect, it } from 'vitest';
import { splitOverhead } from './overhead';

describe('splitOverhead', () => {
  it('takes queueing, Helm and the cluster’s readiness out of create→Ready', () => {
    expect(
      splitOverhead({
        createdAt: 0,
        startedAt: 1_000,
        readyAt: 12_000,
        helm: [
          { start: 1_200, end: 1_500 },
          { start: 1_600, end: 6_000 },
        ],
        workloadsReadyAt: [7_000, 9_000, 8_000],
      }),
    ).toEqual({
      totalMs: 12_000,
      queuedMs: 1_000,
      helmMs: 4_700,
      clusterMs: 3_000,
      engineMs: 3_300,
    });
  });

  it('ignores Helm calls and readiness outside the store’s own run (a later delete)', () => {
    const split = splitOverhead({
      createdAt: 0,
      startedAt: 0,
      readyAt: 5_000,
      helm: [
        { start: 100, end: 2_100 },
        { start: 9_000, end: 10_000 },
      ],
      workloadsReadyAt: [1_500, 20_000],
    });
    expect(split).toMatchObject({ helmMs: 2_000, clusterMs: 0, engineMs: 3_000 });
  });
});
