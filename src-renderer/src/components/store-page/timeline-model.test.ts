import { describe, expect, it } from 'vitest';
import { standInEvent } from '../../../../test-rig/fake-fixtures';
import { buildTimeline, failedEventMessage } from './timeline-model';

describe('buildTimeline', () => {
  it('restarts a step that runs again, so the row shows the latest run', () => {
    const rows = buildTimeline(
      [
        standInEvent({ id: 1, step: 'helm', status: 'started', at: '2025-01-01T10:00:00Z' }),
        standInEvent({ id: 2, step: 'helm', status: 'failed', at: '2025-01-01T10:00:05Z' }),
        standInEvent({ id: 3, step: 'helm', status: 'started', at: '2025-01-01T10:01:00Z' }),
      ],
      'Provisioning',
    );
    expect(rows[0]).toMatchObject({
      step: 'helm',
      state: 'running',
      startedAt: '2025-01-01T10:01:00Z',
      endedAt: null,
    });
  });

  it('adds pending provisioning steps only while provisioning', () => {
    expect(buildTimeline([], 'Queued').map((r) => r.state)).toEqual(Array(8).fill('pending'));
    expect(buildTimeline([], 'Ready')).toEqual([]);
  });

  it('has no start time for a step seen only by its end', () => {
    const [row] = buildTimeline(
      [standInEvent({ id: 1, step: 'verify', status: 'succeeded' })],
      'Ready',
    );
    expect(row).toMatchObject({ state: 'succeeded', startedAt: null });
  });

  it('finds the message of the last failure of the failed step', () => {
    const events = [
      standInEvent({ id: 1, step: 'helm', status: 'failed', message: 'old' }),
      standInEvent({ id: 2, step: 'bootstrap', status: 'failed', message: 'tail' }),
    ];
    expect(failedEventMessage(events, 'bootstrap')).toBe('tail');
    expect(failedEventMessage(events, 'helm')).toBe('old');
  });
});
